package nowcast.ingestion.readers;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import nowcast.frame.Frame;
import nowcast.frame.GeoReference;
import nowcast.frame.PhysicalField;
import nowcast.frame.Quantisation;
import nowcast.frame.Quantity;

/**
 * MeteoSwiss AQC composites ({@code AQC{yy}{DDD}{HHMM}{F|V}_00005.801.gif}): the palette index is the
 * digital number, decoded as in pysteps' {@code import_mch_gif(product="AQC", unit="mm", accutime=5)}
 * and returned as mm/h. The grid (CH1903/LV03, 1 km) is not in the file and is fixed here.
 */
final class MchGifReader extends FileSequenceReader {

    static final String NAME = "mch";
    private static final Pattern FILE = Pattern.compile("AQC(\\d{2})(\\d{3})(\\d{2})(\\d{2})[A-Z]?_\\d+\\.\\d+\\.gif");
    private static final Duration ACCUMULATION = Duration.ofMinutes(5);
    static final int WIDTH = 710;
    static final int HEIGHT = 640;
    private static final String PROJECTION = "+proj=somerc +lon_0=7.43958333333333 +lat_0=46.9524055555556 +k_0=1 "
            + "+x_0=600000 +y_0=200000 +ellps=bessel +towgs84=674.374,15.056,405.346,0,0,0,0 +units=m +no_defs";
    private static final GeoReference GEO = new GeoReference(PROJECTION, 255_000, -160_000, 965_000, 480_000,
            1000, 1000, "m", List.of());
    private static final float[] MM_PER_HOUR = lookup();


    MchGifReader(ReaderOptions options) {
        super(NAME, options, n -> FILE.matcher(n).matches(), MchGifReader::timeOf);
    }

    /** Digital number to mm/h: 0, 1 and 251-254 are no rain, 255 is outside the composite. */
    private static float[] lookup() {
        float[] table = new float[256];
        double perHour = 3600.0 / ACCUMULATION.toSeconds();
        for (int dn = 0; dn < 256; dn++) {
            if (dn <= 1 || (dn >= 251 && dn <= 254)) {
                table[dn] = 0f;
            } else if (dn == 255) {
                table[dn] = Float.NaN;
            } else {
                double mm = Math.pow(Math.pow(10.0, (dn - 71.5) / 20.0) / 316.0, 1.0 / 1.5);
                table[dn] = (float) (perHour * mm);
            }
        }
        return table;
    }

    static float mmPerHour(int dn) {
        return MM_PER_HOUR[dn];
    }

    static Instant timeOf(Path file) throws BadFrameException {
        Matcher m = FILE.matcher(file.getFileName().toString());
        if (!m.matches()) {
            throw new BadFrameException(file, "file name is not AQC{yy}{DDD}{HHMM}?_00005.801.gif");
        }
        try {
            int year = 2000 + Integer.parseInt(m.group(1));
            LocalDate day = LocalDate.ofYearDay(year, Integer.parseInt(m.group(2)));
            LocalTime time = LocalTime.of(Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)));
            return day.atTime(time).toInstant(ZoneOffset.UTC);
        } catch (java.time.DateTimeException e) {
            throw new BadFrameException(file, "file name time is not a valid date: " + e.getMessage(), e);
        }
    }

    @Override
    public Frame read(FrameLocation location) throws IOException {
        Path file = location.path();
        BufferedImage image = IndexedImages.read(file, options);
        if (image.getWidth() != WIDTH || image.getHeight() != HEIGHT) {
            throw new BadFrameException(file, "AQC composite must be " + WIDTH + "x" + HEIGHT + " (width x height), got "
                    + image.getWidth() + "x" + image.getHeight());
        }
        if (image.getColorModel().getPixelSize() > 8 || image.getRaster().getNumBands() != 1) {
            throw new BadFrameException(file, "AQC composite must be an 8-bit palette image");
        }
        Raster raster = image.getRaster();
        float[] values = new float[WIDTH * HEIGHT];
        int valid = 0;
        for (int r = 0; r < HEIGHT; r++) {
            for (int c = 0; c < WIDTH; c++) {
                float v = MM_PER_HOUR[raster.getSample(c, r, 0)];
                values[r * WIDTH + c] = v;
                if (!Float.isNaN(v)) {
                    valid++;
                }
            }
        }
        if (valid == 0) {
            throw new BadFrameException(file, "frame has no valid pixel (all outside the composite)");
        }
        return new Frame(location.sourceId(), location.time(), options.cadenceOr(ACCUMULATION), "mch-aqc-5min",
                PhysicalField.single(Quantity.RAIN_RATE, HEIGHT, WIDTH, values), Quantisation.float32(), GEO,
                file.toString(), Map.of("accumulation", ACCUMULATION.toString(), "time_convention", "end of accumulation"));
    }
}
