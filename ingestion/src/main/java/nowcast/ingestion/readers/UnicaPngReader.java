package nowcast.ingestion.readers;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import nowcast.frame.Frame;
import nowcast.frame.GeoReference;
import nowcast.frame.PhysicalField;
import nowcast.frame.Quantisation;
import nowcast.frame.Quantity;

/**
 * The University of Cagliari X-band radar maps ({@code YYYYMMDD_HHMM.png}, UTC): 1024x1024 PNG of
 * 8-bit grey plus alpha. Alpha above 127 marks an echo of dBZ = grey / 2.55 - 8.6; elsewhere there is
 * no echo (-32 dBZ, a measured value). The image does not mark the radar's range, so every pixel
 * farther than {@link #RANGE_PX} pixels from the image centre is set to no data. The grid is fixed
 * (Gauss-Boaga west, 60 m); the file carries none.
 */
final class UnicaPngReader extends FileSequenceReader {

    static final String NAME = "unica";
    static final int SIZE = 1024;
    /** The 30.7 km range ring in pixels, around the centre of the image (row 511.5, col 511.5). */
    static final double RANGE_PX = 512.5;
    static final double GAIN = 1 / 2.55;
    static final double OFFSET = -8.6;
    static final float NO_ECHO_DBZ = -32f;
    static final int ECHO_ALPHA_ABOVE = 127;
    private static final Pattern FILE = Pattern.compile("\\d{8}_\\d{4}\\.png");
    private static final FileNameTime TIME = new FileNameTime("yyyyMMdd_HHmm");
    private static final Duration CADENCE = Duration.ofMinutes(5);
    private static final String PROJECTION = "+proj=tmerc +lat_0=0 +lon_0=9 +k=0.9996 +x_0=1500000 +y_0=0 +ellps=intl "
            + "+towgs84=-104.1,-49.1,-9.9,0.971,-2.917,0.714,-11.68 +units=m +no_defs";
    private static final GeoReference GEO = new GeoReference(PROJECTION, 1_478_699, 4_311_475, 1_540_139, 4_372_915,
            60, 60, "m", List.of());
    private static final boolean[] OUTSIDE_RANGE = outsideRange();


    UnicaPngReader(ReaderOptions options) {
        super(NAME, options, n -> FILE.matcher(n).matches(), TIME::require);
    }

    private static boolean[] outsideRange() {
        boolean[] out = new boolean[SIZE * SIZE];
        double centre = (SIZE - 1) / 2.0;
        for (int r = 0; r < SIZE; r++) {
            for (int c = 0; c < SIZE; c++) {
                out[r * SIZE + c] = Math.hypot(r - centre, c - centre) > RANGE_PX;
            }
        }
        return out;
    }

    @Override
    public Frame read(FrameLocation location) throws IOException {
        Path file = location.path();
        BufferedImage image = IndexedImages.read(file, options);
        Raster raster = image.getRaster();
        int[] bits = image.getColorModel().getComponentSize();
        boolean greyAlpha = !(image.getColorModel() instanceof IndexColorModel) && raster.getNumBands() == 2
                && image.getColorModel().hasAlpha() && bits.length == 2 && bits[0] == 8 && bits[1] == 8;
        if (!greyAlpha) {
            throw new BadFrameException(file, "UNICA radar PNG must be 8-bit grey + alpha (PNG colour type LA), this one "
                    + "is " + describe(image));
        }
        if (image.getWidth() != SIZE || image.getHeight() != SIZE) {
            throw new BadFrameException(file, "UNICA radar PNG must be " + SIZE + "x" + SIZE + ", got "
                    + image.getWidth() + "x" + image.getHeight());
        }
        int[] grey = raster.getSamples(0, 0, SIZE, SIZE, 0, (int[]) null);
        int[] alpha = raster.getSamples(0, 0, SIZE, SIZE, 1, (int[]) null);
        float[] values = new float[SIZE * SIZE];
        for (int i = 0; i < values.length; i++) {
            if (OUTSIDE_RANGE[i]) {
                values[i] = Float.NaN;
            } else if (alpha[i] > ECHO_ALPHA_ABOVE) {
                values[i] = (float) (OFFSET + GAIN * grey[i]);
            } else {
                values[i] = NO_ECHO_DBZ;
            }
        }
        return new Frame(location.sourceId(), location.time(), options.cadenceOr(CADENCE), "unica-xband-png",
                PhysicalField.single(Quantity.REFLECTIVITY, SIZE, SIZE, values),
                // three states per pixel (echo, no echo, out of range) do not fit one byte code: float32
                Quantisation.float32(), GEO, file.toString(),
                Map.of("range_ring_px", Double.toString(RANGE_PX), "no_echo_dbz", Float.toString(NO_ECHO_DBZ)));
    }

    private static String describe(BufferedImage image) {
        if (image.getColorModel() instanceof IndexColorModel) {
            return "a palette image";
        }
        int bands = image.getRaster().getNumBands();
        String kind = switch (bands) {
            case 1 -> "grey without alpha";
            case 2 -> "grey + alpha";
            case 3 -> "RGB";
            case 4 -> "RGBA";
            default -> bands + "-band";
        };
        return kind + " with " + Arrays.toString(image.getColorModel().getComponentSize()) + " bits per band";
    }
}
