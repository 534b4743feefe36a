package nowcast.ingestion.readers;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
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
 * KNMI HDF5 v3.5 radar composites ({@code RAD_NL25_RAP_5min_YYYYMMDDHHMM.h5}): 5-minute precipitation
 * accumulations, returned as rain rate in mm/h (12 x the 5-minute amount). The time is the end of the
 * accumulation. The calibration formula {@code GEO=a*PV+b} is read from the file.
 */
final class KnmiReader extends FileSequenceReader {

    static final String NAME = "knmi";
    private static final Pattern FILE = Pattern.compile("RAD_NL\\d+_\\w+?_(\\d{12})\\.h5");
    private static final Pattern FORMULA = Pattern.compile("GEO\\s*=\\s*([-+0-9.eE]+)\\s*\\*\\s*PV\\s*([-+]\\s*[0-9.eE]+)?");
    private static final FileNameTime TIME = new FileNameTime("yyyyMMddHHmm");
    private static final Duration ACCUMULATION = Duration.ofMinutes(5);


    KnmiReader(ReaderOptions options) {
        super(NAME, options, n -> FILE.matcher(n).matches(), TIME::require);
    }

    @Override
    public Frame read(FrameLocation location) throws IOException {
        Path file = location.path();
        try (HdfFile hdf = new HdfFile(file)) {
            Dataset image = Hdf5Attributes.node(hdf, "image1/image_data")
                    .filter(Dataset.class::isInstance).map(Dataset.class::cast)
                    .orElseThrow(() -> new BadFrameException(file, "no dataset /image1/image_data (not a KNMI radar file)"));
            int[] dims = image.getDimensions();
            if (dims.length != 2) {
                throw new BadFrameException(file, "/image1/image_data must be 2-D, has " + dims.length + " dimensions");
            }
            int rows = dims[0];
            int cols = dims[1];
            options.checkSize(file, rows, cols, 1);
            Node calibration = Hdf5Attributes.node(hdf, "image1/calibration")
                    .orElseThrow(() -> new BadFrameException(file, "no group /image1/calibration"));
            double[] formula = calibration(file, Hdf5Attributes.requireString(file, calibration, "calibration_formulas"));
            double missing = Hdf5Attributes.number(calibration, "calibration_missing_data").orElse(65535.0);
            double outside = Hdf5Attributes.number(calibration, "calibration_out_of_image").orElse(missing);
            double perHour = 3600.0 / ACCUMULATION.toSeconds();
            double gain = formula[0] * perHour;
            double offset = formula[1] * perHour;

            Object flat = image.getDataFlat();
            float[] values = new float[rows * cols];
            int valid = 0;
            for (int i = 0; i < values.length; i++) {
                double pv = Hdf5Attributes.element(flat, i, true);
                if (pv == missing || pv == outside) {
                    values[i] = Float.NaN;
                } else {
                    values[i] = (float) (offset + gain * pv);
                    valid++;
                }
            }
            if (valid == 0) {
                throw new BadFrameException(file, "frame has no valid pixel (all are missing data)");
            }
            Quantisation quantisation = new Quantisation(RawType.UINT16, gain, offset, missing, null, 0.0);
            Map<String, String> attributes = new LinkedHashMap<>();
            Hdf5Attributes.node(hdf, "overview").flatMap(n -> Hdf5Attributes.string(n, "product_group_name"))
                    .ifPresent(v -> attributes.put("product_group_name", v));
            attributes.put("accumulation", ACCUMULATION.toString());
            attributes.put("time_convention", "end of accumulation");
            return new Frame(location.sourceId(), location.time(), options.cadenceOr(ACCUMULATION),
                    "knmi-rad-nl25-rap-5min", PhysicalField.single(Quantity.RAIN_RATE, rows, cols, values),
                    quantisation, geo(hdf, rows, cols), file.toString(), attributes);
        } catch (BadFrameException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new BadFrameException(file, "not a readable KNMI HDF5 file: " + e.getMessage(), e);
        }
    }

    private static double[] calibration(Path file, String formula) throws BadFrameException {
        Matcher m = FORMULA.matcher(formula);
        if (!m.find()) {
            throw new BadFrameException(file, "calibration formula '" + formula + "' is not of the form GEO=a*PV+b");
        }
        double gain = Double.parseDouble(m.group(1));
        double offset = m.group(2) == null ? 0.0 : Double.parseDouble(m.group(2).replace(" ", ""));
        return new double[] {gain, offset};
    }

    private static GeoReference geo(HdfFile hdf, int rows, int cols) {
        var geographic = Hdf5Attributes.node(hdf, "geographic");
        var projection = Hdf5Attributes.node(hdf, "geographic/map_projection")
                .flatMap(n -> Hdf5Attributes.string(n, "projection_proj4_params"));
        if (geographic.isEmpty() || projection.isEmpty()) {
            return null;
        }
        Node g = geographic.get();
        double colOffset = Hdf5Attributes.number(g, "geo_column_offset").orElse(0.0);
        double rowOffset = Hdf5Attributes.number(g, "geo_row_offset").orElse(0.0);
        double sizeX = Hdf5Attributes.number(g, "geo_pixel_size_x").orElse(1.0);
        double sizeY = Math.abs(Hdf5Attributes.number(g, "geo_pixel_size_y").orElse(-1.0));
        // KNMI counts rows downwards from y = -row_offset (checked by projecting the corners, docs/spec/radar-formats.md)
        double yMax = -rowOffset;
        List<Double> corners = new ArrayList<>();
        var cornerAttr = g.getAttribute("geo_product_corners");
        Object data = cornerAttr == null ? null : cornerAttr.getData();
        if (data != null && data.getClass().isArray() && java.lang.reflect.Array.getLength(data) == 8) {
            for (int i = 0; i < 8; i++) {
                corners.add(((Number) java.lang.reflect.Array.get(data, i)).doubleValue());
            }
        }
        return new GeoReference(projection.get(), colOffset, yMax - rows * sizeY, colOffset + cols * sizeX, yMax,
                sizeX, sizeY, "km", corners);
    }
}
