package nowcast.ingestion.readers;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import nowcast.frame.Frame;
import nowcast.frame.GeoReference;
import nowcast.frame.PhysicalField;
import nowcast.frame.Quantisation;
import nowcast.frame.Quantity;
import nowcast.frame.RawType;

/**
 * FMI reflectivity composites as PGM, gzip-compressed or not
 * ({@code YYYYMMDDHHMM_fmi.radar.composite.lowest_FIN_SUOMI1.pgm.gz}): dBZ = (PV - 64) / 2, the maxval
 * code is no data. The header comment {@code obstime} is checked against the file name when present.
 */
final class FmiPgmReader extends FileSequenceReader {

    static final String NAME = "fmi";
    private static final Pattern FILE = Pattern.compile("\\d{12}_fmi\\..*\\.pgm(\\.gz)?");
    private static final FileNameTime TIME = new FileNameTime("yyyyMMddHHmm");
    private static final Duration CADENCE = Duration.ofMinutes(5);
    /** pysteps' false easting and northing: they put the lower-left corner at (0, 0). */
    private static final String PROJECTION = "+proj=stere +lon_0=25 +lat_0=90 +lat_ts=60 +a=6371288 "
            + "+x_0=380886.310 +y_0=3395677.920 +no_defs";
    static final double GAIN = 0.5;
    static final double OFFSET = -32.0;


    FmiPgmReader(ReaderOptions options) {
        super(NAME, options, n -> FILE.matcher(n).matches(), TIME::require);
    }

    @Override
    public Frame read(FrameLocation location) throws IOException {
        Path file = location.path();
        PgmImage pgm = PgmImage.read(file, options);
        Map<String, String> header = comments(pgm.comments());
        String obstime = header.get("obstime");
        if (obstime != null) {
            Instant inside = TIME.parse(obstime).orElseThrow(() -> new BadFrameException(file,
                    "header obstime '" + obstime + "' is not YYYYMMDDHHMM"));
            if (!inside.equals(location.time())) {
                throw new BadFrameException(file, "header obstime " + inside + " differs from the file-name time "
                        + location.time());
            }
        }
        int nodata = pgm.maxval();
        int[] pixels = pgm.pixels();
        float[] values = new float[pixels.length];
        int valid = 0;
        for (int i = 0; i < pixels.length; i++) {
            if (pixels[i] == nodata) {
                values[i] = Float.NaN;
            } else {
                values[i] = (float) (OFFSET + GAIN * pixels[i]);
                valid++;
            }
        }
        if (valid == 0) {
            throw new BadFrameException(file, "frame has no valid pixel (all are the no-data code " + nodata + ")");
        }
        Quantisation quantisation = new Quantisation(pgm.maxval() < 256 ? RawType.UINT8 : RawType.UINT16, GAIN, OFFSET,
                (double) nodata, null, OFFSET);
        Map<String, String> attributes = new LinkedHashMap<>();
        for (String key : List.of("composite_area", "projection_name", "producttype", "productname", "param")) {
            if (header.containsKey(key)) {
                attributes.put(key, header.get(key));
            }
        }
        return new Frame(location.sourceId(), location.time(), options.cadenceOr(CADENCE), "fmi-composite-lowest",
                PhysicalField.single(Quantity.REFLECTIVITY, pgm.height(), pgm.width(), values), quantisation,
                geo(header, pgm.width(), pgm.height()), file.toString(), attributes);
    }

    private static Map<String, String> comments(List<String> lines) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : lines) {
            int space = line.indexOf(' ');
            if (space > 0) {
                out.putIfAbsent(line.substring(0, space), line.substring(space + 1).trim());
            }
        }
        return out;
    }

    private static GeoReference geo(Map<String, String> header, int width, int height) {
        try {
            double sx = Double.parseDouble(header.getOrDefault("metersperpixel_x", "999.674053"));
            double sy = Double.parseDouble(header.getOrDefault("metersperpixel_y", "999.62859"));
            return new GeoReference(PROJECTION, 0, 0, width * sx, height * sy, sx, sy, "m", List.of());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
