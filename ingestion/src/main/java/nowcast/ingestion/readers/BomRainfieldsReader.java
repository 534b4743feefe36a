package nowcast.ingestion.readers;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import nowcast.frame.Frame;
import nowcast.frame.GeoReference;
import nowcast.frame.PhysicalField;
import nowcast.frame.Quantisation;
import nowcast.frame.Quantity;
import nowcast.frame.RawType;

/**
 * Australian Bureau of Meteorology Rainfields3 accumulations in netCDF4 (an HDF5 file, read with
 * jhdf), e.g. {@code 2_20180616_100000.prcp-cscn.nc}. The variable {@code precipitation} holds
 * integers times {@code scale_factor} (plus {@code add_offset}) = mm accumulated between the
 * scalars {@code start_time} and {@code valid_time} (seconds since 1970, UTC); {@code _FillValue} is
 * missing. The frame is the rain rate in mm/h over that period, at {@code valid_time}. The grid comes
 * from the CF coordinate variables {@code x}, {@code y} (cell centres) and the grid-mapping variable
 * the data names; rows are turned so that row 0 is north.
 */
final class BomRainfieldsReader extends FileSequenceReader {

    static final String NAME = "bom";
    static final String VARIABLE = "precipitation";
    private static final Pattern FILE = Pattern.compile("(?i).*\\.nc");
    private static final FileNameTime NAME_TIME = new FileNameTime("yyyyMMdd_HHmmss");
    private static final Duration DEFAULT_CADENCE = Duration.ofMinutes(6);


    BomRainfieldsReader(ReaderOptions options) {
        super(NAME, options, n -> FILE.matcher(n).matches(), BomRainfieldsReader::timeOf);
    }

    /** The time in the name when there is one (no need to open the file), else {@code valid_time}. */
    private static Instant timeOf(Path file) throws BadFrameException {
        Optional<Instant> named = NAME_TIME.parse(file.getFileName().toString());
        if (named.isPresent()) {
            return named.get();
        }
        try (HdfFile hdf = new HdfFile(file)) {
            return Instant.ofEpochSecond(epochSeconds(file, hdf, "valid_time"));
        } catch (BadFrameException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new BadFrameException(file, "not a readable netCDF4/HDF5 file: " + e.getMessage(), e);
        }
    }

    @Override
    public Frame read(FrameLocation location) throws IOException {
        Path file = location.path();
        try (HdfFile hdf = new HdfFile(file)) {
            Dataset data = Hdf5Attributes.node(hdf, VARIABLE).filter(Dataset.class::isInstance).map(Dataset.class::cast)
                    .orElseThrow(() -> new BadFrameException(file, "no variable '" + VARIABLE
                            + "' (not a Rainfields accumulation); the file holds " + hdf.getChildren().keySet()));
            int[] dims = data.getDimensions();
            if (dims.length != 2) {
                throw new BadFrameException(file, VARIABLE + " must be 2-D (y, x), has " + dims.length + " dimensions");
            }
            int rows = dims[0];
            int cols = dims[1];
            options.checkSize(file, rows, cols, 1);

            long start = epochSeconds(file, hdf, "start_time");
            long valid = epochSeconds(file, hdf, "valid_time");
            Instant time = Instant.ofEpochSecond(valid);
            if (!time.equals(location.time())) {
                throw new BadFrameException(file, "valid_time " + time + " differs from the file-name time "
                        + location.time());
            }
            long seconds = valid - start;
            if (seconds <= 0) {
                throw new BadFrameException(file, "accumulation period valid_time - start_time must be positive, got "
                        + seconds + " s");
            }
            double perHour = 3600.0 / seconds;
            double scale = Hdf5Attributes.number(data, "scale_factor").orElse(1.0);
            double addOffset = Hdf5Attributes.number(data, "add_offset").orElse(0.0);
            Double fill = Hdf5Attributes.number(data, "_FillValue").orElse(null);
            if (scale == 0 || !Double.isFinite(scale)) {
                throw new BadFrameException(file, VARIABLE + "@scale_factor must be finite and non-zero, got " + scale);
            }
            double gain = scale * perHour;
            double offset = addOffset * perHour;

            double[] ys = coordinate(file, hdf, "y", rows);
            double[] xs = coordinate(file, hdf, "x", cols);
            // row 0 must be north: a file written south-up is turned over
            boolean southUp = ys.length > 1 && ys[1] > ys[0];
            Object flat = data.getDataFlat();
            float[] values = new float[rows * cols];
            int validCount = 0;
            for (int r = 0; r < rows; r++) {
                int from = (southUp ? rows - 1 - r : r) * cols;
                for (int c = 0; c < cols; c++) {
                    double raw = Hdf5Attributes.element(flat, from + c, false);
                    float v = fill != null && raw == fill ? Float.NaN : (float) (offset + gain * raw);
                    values[r * cols + c] = v;
                    if (!Float.isNaN(v)) {
                        validCount++;
                    }
                }
            }
            if (validCount == 0) {
                throw new BadFrameException(file, "frame has no valid pixel (all are the fill value " + fill + ")");
            }
            RawType rawType = flat instanceof short[] ? RawType.INT16 : RawType.FLOAT32;
            Quantisation quantisation = rawType == RawType.INT16 ? new Quantisation(rawType, gain, offset, fill, null, 0.0)
                    : Quantisation.float32();
            Map<String, String> attributes = new LinkedHashMap<>();
            Hdf5Attributes.string(hdf, "station_name").ifPresent(v -> attributes.put("station_name", v));
            Hdf5Attributes.string(hdf, "title").ifPresent(v -> attributes.put("title", v));
            attributes.put("accumulation", Duration.ofSeconds(seconds).toString());
            attributes.put("time_convention", "end of accumulation");
            return new Frame(location.sourceId(), time, options.cadenceOr(DEFAULT_CADENCE), "bom-rainfields-prcp",
                    PhysicalField.single(Quantity.RAIN_RATE, rows, cols, values), quantisation,
                    geo(hdf, data, xs, ys), file.toString(), attributes);
        } catch (BadFrameException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new BadFrameException(file, "not a readable Rainfields netCDF4 file: " + e.getMessage(), e);
        }
    }

    private static long epochSeconds(Path file, HdfFile hdf, String name) throws BadFrameException {
        Object value = Hdf5Attributes.node(hdf, name).filter(Dataset.class::isInstance)
                .map(n -> ((Dataset) n).getData())
                .orElseThrow(() -> new BadFrameException(file, "no scalar variable '" + name + "' (seconds since 1970)"));
        if (value != null && value.getClass().isArray() && java.lang.reflect.Array.getLength(value) == 1) {
            value = java.lang.reflect.Array.get(value, 0);
        }
        if (!(value instanceof Number n)) {
            throw new BadFrameException(file, "variable '" + name + "' is not a number of seconds since 1970");
        }
        return n.longValue();
    }

    /** A CF coordinate variable of {@code size} cell centres. */
    private static double[] coordinate(Path file, HdfFile hdf, String name, int size) throws BadFrameException {
        Optional<Node> node = Hdf5Attributes.node(hdf, name).filter(Dataset.class::isInstance);
        if (node.isEmpty()) {
            throw new BadFrameException(file, "no coordinate variable '" + name + "'");
        }
        Dataset d = (Dataset) node.get();
        Object flat = d.getDataFlat();
        int n = java.lang.reflect.Array.getLength(flat);
        if (n != size) {
            throw new BadFrameException(file, "coordinate variable '" + name + "' has " + n + " values but "
                    + VARIABLE + " has " + size + " along it");
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = Hdf5Attributes.element(flat, i, false);
        }
        return out;
    }

    /**
     * Outer edges from the cell centres (half a pixel beyond the first and last), in the unit of the
     * coordinates; the PROJ string from the CF grid mapping (Albers equal-area, the Rainfields grid).
     */
    private static GeoReference geo(HdfFile hdf, Dataset data, double[] xs, double[] ys) {
        if (xs.length < 2 || ys.length < 2) {
            return null;
        }
        double sx = Math.abs(xs[1] - xs[0]);
        double sy = Math.abs(ys[1] - ys[0]);
        double xMin = Math.min(xs[0], xs[xs.length - 1]) - sx / 2;
        double xMax = Math.max(xs[0], xs[xs.length - 1]) + sx / 2;
        double yMin = Math.min(ys[0], ys[ys.length - 1]) - sy / 2;
        double yMax = Math.max(ys[0], ys[ys.length - 1]) + sy / 2;
        String units = Hdf5Attributes.node(hdf, "x").flatMap(n -> Hdf5Attributes.string(n, "units")).orElse("m");
        String projection = Hdf5Attributes.string(data, "grid_mapping").flatMap(name -> Hdf5Attributes.node(hdf, name))
                .map(mapping -> proj(mapping, units)).orElse(null);
        if (projection == null) {
            return null;
        }
        return new GeoReference(projection, xMin, yMin, xMax, yMax, sx, sy, units, List.of());
    }

    /** The PROJ string of a CF {@code albers_conical_equal_area} grid mapping, or null for other mappings. */
    static String proj(Node mapping, String units) {
        String name = Hdf5Attributes.string(mapping, "grid_mapping_name").orElse("");
        if (!name.equals("albers_conical_equal_area")) {
            return null;
        }
        var parallels = mapping.getAttribute("standard_parallel");
        Object p = parallels == null ? null : parallels.getData();
        double lat1 = p != null && p.getClass().isArray() ? ((Number) java.lang.reflect.Array.get(p, 0)).doubleValue()
                : Hdf5Attributes.number(mapping, "standard_parallel").orElse(0.0);
        double lat2 = p != null && p.getClass().isArray() && java.lang.reflect.Array.getLength(p) > 1
                ? ((Number) java.lang.reflect.Array.get(p, 1)).doubleValue() : lat1;
        StringBuilder sb = new StringBuilder("+proj=aea");
        sb.append(String.format(Locale.ROOT, " +lat_0=%s +lon_0=%s +lat_1=%s +lat_2=%s +x_0=%s +y_0=%s",
                num(mapping, "latitude_of_projection_origin"), num(mapping, "longitude_of_central_meridian"),
                trim(lat1), trim(lat2), num(mapping, "false_easting"), num(mapping, "false_northing")));
        Optional<Double> a = Hdf5Attributes.number(mapping, "semi_major_axis");
        Optional<Double> rf = Hdf5Attributes.number(mapping, "inverse_flattening");
        if (a.isPresent()) {
            sb.append(" +a=").append(trim(a.get()));
            rf.ifPresent(v -> sb.append(" +rf=").append(trim(v)));
        }
        sb.append(" +units=").append(units.equals("km") ? "km" : "m").append(" +no_defs");
        return sb.toString();
    }

    private static String num(Node node, String attribute) {
        return trim(Hdf5Attributes.number(node, attribute).orElse(0.0));
    }

    /** Shortest decimal that reads back to the value, rounded to 9 places (the file's float noise). */
    private static String trim(double v) {
        return java.math.BigDecimal.valueOf(v).setScale(9, java.math.RoundingMode.HALF_EVEN).stripTrailingZeros()
                .toPlainString();
    }
}
