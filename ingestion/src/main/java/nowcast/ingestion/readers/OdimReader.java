package nowcast.ingestion.readers;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import nowcast.frame.Frame;
import nowcast.frame.GeoReference;
import nowcast.frame.PhysicalField;
import nowcast.frame.Quantisation;
import nowcast.frame.Quantity;

/**
 * ODIM_H5 composites and products (OPERA, national services). The conversion attributes
 * (gain, offset, nodata, undetect) come from {@code datasetN/dataM/what}, else {@code datasetN/what},
 * with gain 1 and offset 0 when absent (float products in physical units). Several datasets or
 * quantities: the one named in {@link ReaderOptions#quantity()} is taken, else the first of a
 * quantity this system knows (DBZH, DBZ, TH, RATE, ACRR). The time is {@code /what@date,time}.
 */
final class OdimReader extends FileSequenceReader {

    static final String NAME = "odim";
    /** Rain rates above this are composite artefacts (OPERA 2018 has up to 1205 mm/h) and are capped. */
    static final double MAX_RATE_MM_H = 500.0;
    /** Undetect in reflectivity means "below the detection floor"; the check values use -32 dBZ. */
    static final double REFLECTIVITY_FLOOR_DBZ = -32.0;
    private static final Pattern FILE = Pattern.compile("(?i).*\\.(h5|hdf|hdf5)");
    private static final FileNameTime NAME_TIME_SECONDS = new FileNameTime("yyyyMMddHHmmss");
    private static final FileNameTime NAME_TIME_MINUTES = new FileNameTime("yyyyMMddHHmm");
    private static final Duration DEFAULT_CADENCE = Duration.ofMinutes(5);


    OdimReader(ReaderOptions options) {
        super(NAME, options, n -> FILE.matcher(n).matches(), OdimReader::timeOf);
    }

    /** The time in the file name (seconds or minutes), else the one inside the file. */
    private static Instant timeOf(Path file) throws BadFrameException {
        String name = file.getFileName().toString();
        Optional<Instant> time = NAME_TIME_SECONDS.parse(name).or(() -> NAME_TIME_MINUTES.parse(name));
        return time.isPresent() ? time.get() : timeInside(file);
    }

    private static Instant timeInside(Path file) throws BadFrameException {
        try (HdfFile hdf = new HdfFile(file)) {
            return nominalTime(file, hdf);
        } catch (BadFrameException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new BadFrameException(file, "not a readable HDF5 file: " + e.getMessage(), e);
        }
    }

    @Override
    public Frame read(FrameLocation location) throws IOException {
        Path file = location.path();
        try (HdfFile hdf = new HdfFile(file)) {
            Instant time = nominalTime(file, hdf);
            Selected selected = select(file, hdf);
            int[] dims = selected.data.getDimensions();
            if (dims.length != 2) {
                throw new BadFrameException(file, selected.data.getPath() + " must be 2-D, has " + dims.length + " dimensions");
            }
            int rows = dims[0];
            int cols = dims[1];
            options.checkSize(file, rows, cols, 1);
            Quantity quantity = selected.quantity;
            double gain = selected.number("gain").orElse(1.0);
            double offset = selected.number("offset").orElse(0.0);
            Double nodata = selected.number("nodata").orElse(null);
            Double undetect = selected.number("undetect").orElse(null);
            double undetectValue = quantity == Quantity.REFLECTIVITY ? REFLECTIVITY_FLOOR_DBZ : 0.0;
            if (gain == 0 || !Double.isFinite(gain)) {
                throw new BadFrameException(file, "gain of " + selected.data.getPath() + " must be finite and non-zero, got " + gain);
            }

            Object flat = selected.data.getDataFlat();
            float[] values = new float[rows * cols];
            int valid = 0;
            for (int i = 0; i < values.length; i++) {
                double raw = Hdf5Attributes.element(flat, i, true);
                double v;
                if (Double.isNaN(raw) || (nodata != null && raw == nodata)) {
                    v = Double.NaN;
                } else if (undetect != null && raw == undetect) {
                    v = undetectValue;
                } else {
                    v = offset + gain * raw;
                    if (quantity == Quantity.RAIN_RATE && v > MAX_RATE_MM_H) {
                        v = MAX_RATE_MM_H;
                    }
                }
                values[i] = (float) v;
                if (!Double.isNaN(v)) {
                    valid++;
                }
            }
            if (valid == 0) {
                throw new BadFrameException(file, "frame " + selected.data.getPath() + " has no valid pixel (all no data)");
            }
            Map<String, String> attributes = new LinkedHashMap<>();
            attributes.put("odim_quantity", selected.odimQuantity);
            attributes.put("odim_dataset", selected.data.getPath());
            Hdf5Attributes.node(hdf, "what").flatMap(n -> Hdf5Attributes.string(n, "source"))
                    .ifPresent(v -> attributes.put("odim_source", v));
            String product = "odim:" + selected.product + "/" + selected.odimQuantity;
            return new Frame(location.sourceId(), time, options.cadenceOr(DEFAULT_CADENCE), product,
                    PhysicalField.single(quantity, rows, cols, values), Quantisation.float32(),
                    geo(hdf, selected, rows, cols), file.toString(), attributes);
        } catch (BadFrameException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new BadFrameException(file, "not a readable ODIM_H5 file: " + e.getMessage(), e);
        }
    }

    private static Instant nominalTime(Path file, HdfFile hdf) throws BadFrameException {
        Node what = Hdf5Attributes.node(hdf, "what")
                .orElseThrow(() -> new BadFrameException(file, "no group /what (not an ODIM_H5 file)"));
        String date = Hdf5Attributes.requireString(file, what, "date");
        String time = Hdf5Attributes.requireString(file, what, "time");
        try {
            LocalDate d = LocalDate.parse(date, DateTimeFormatter.BASIC_ISO_DATE);
            LocalTime t = LocalTime.parse(time, DateTimeFormatter.ofPattern("HHmmss"));
            return d.atTime(t).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new BadFrameException(file, "cannot parse /what@date,time '" + date + "','" + time
                    + "' as YYYYMMDD,HHMMSS", e);
        }
    }

    /** The chosen data array with its dataset (for the what-attribute fallback). */
    private record Selected(Dataset data, Node dataWhat, Node datasetWhat, Node datasetWhere, String odimQuantity,
                            Quantity quantity, String product) {

        Optional<Double> number(String name) {
            Optional<Double> own = dataWhat == null ? Optional.empty() : Hdf5Attributes.number(dataWhat, name);
            return own.isPresent() || datasetWhat == null ? own : Hdf5Attributes.number(datasetWhat, name);
        }
    }

    private Selected select(Path file, HdfFile hdf) throws BadFrameException {
        String wanted = options.quantity();
        List<String> seen = new ArrayList<>();
        for (int n = 1; n < 1000; n++) {
            Optional<Node> dataset = Hdf5Attributes.node(hdf, "dataset" + n);
            if (dataset.isEmpty()) {
                break;
            }
            Node datasetWhat = Hdf5Attributes.node(hdf, "dataset" + n + "/what").orElse(null);
            Node datasetWhere = Hdf5Attributes.node(hdf, "dataset" + n + "/where").orElse(null);
            for (int m = 1; m < 1000; m++) {
                String base = "dataset" + n + "/data" + m;
                Optional<Node> group = Hdf5Attributes.node(hdf, base);
                if (group.isEmpty()) {
                    break;
                }
                Optional<Node> array = Hdf5Attributes.node(hdf, base + "/data");
                if (array.isEmpty() || !(array.get() instanceof Dataset data)) {
                    continue;
                }
                Node dataWhat = Hdf5Attributes.node(hdf, base + "/what").orElse(null);
                Optional<String> q = Optional.ofNullable(dataWhat).flatMap(w -> Hdf5Attributes.string(w, "quantity"))
                        .or(() -> Optional.ofNullable(datasetWhat).flatMap(w -> Hdf5Attributes.string(w, "quantity")));
                if (q.isEmpty()) {
                    continue;
                }
                String odim = q.get().toUpperCase(Locale.ROOT);
                seen.add(odim);
                Quantity quantity = quantityOf(odim);
                boolean pick = wanted != null ? odim.equalsIgnoreCase(wanted) : quantity != null;
                if (pick) {
                    if (quantity == null) {
                        throw new BadFrameException(file, "ODIM quantity " + odim + " has no physical quantity in this "
                                + "system (known: DBZH, DBZ, TH, RATE, ACRR)");
                    }
                    String product = Optional.ofNullable(datasetWhat).flatMap(w -> Hdf5Attributes.string(w, "product"))
                            .orElse("UNKNOWN");
                    return new Selected(data, dataWhat, datasetWhat, datasetWhere, odim, quantity, product);
                }
            }
        }
        throw new BadFrameException(file, (wanted == null ? "no dataset with a known quantity"
                : "no dataset with quantity " + wanted) + "; the file holds " + (seen.isEmpty() ? "none" : seen));
    }

    static Quantity quantityOf(String odim) {
        return switch (odim) {
            case "DBZH", "DBZ", "TH", "DBZV", "TV" -> Quantity.REFLECTIVITY;
            case "RATE" -> Quantity.RAIN_RATE;
            case "ACRR" -> Quantity.ACCUMULATION;
            default -> null;
        };
    }

    private static GeoReference geo(Group hdf, Selected selected, int rows, int cols) {
        Optional<Node> where = Hdf5Attributes.node(hdf, "where");
        if (where.isEmpty()) {
            return null;
        }
        Node w = where.get();
        Optional<String> projdef = Hdf5Attributes.string(w, "projdef");
        Optional<Double> xscale = Hdf5Attributes.number(w, "xscale");
        Optional<Double> yscale = Hdf5Attributes.number(w, "yscale");
        if (projdef.isEmpty() || xscale.isEmpty() || yscale.isEmpty()) {
            return null;
        }
        Node local = selected.datasetWhere;
        Optional<Double> ulx = Optional.ofNullable(local).flatMap(n -> Hdf5Attributes.number(n, "UL_x"))
                .or(() -> Hdf5Attributes.number(w, "UL_x"));
        Optional<Double> uly = Optional.ofNullable(local).flatMap(n -> Hdf5Attributes.number(n, "UL_y"))
                .or(() -> Hdf5Attributes.number(w, "UL_y"));
        double xMin;
        double yMax;
        if (ulx.isPresent() && uly.isPresent()) {
            xMin = ulx.get();
            yMax = uly.get();
        } else {
            LambertAzimuthalEqualArea laea = LambertAzimuthalEqualArea.fromProj(projdef.get());
            Optional<Double> lon = Hdf5Attributes.number(w, "UL_lon");
            Optional<Double> lat = Hdf5Attributes.number(w, "UL_lat");
            if (laea == null || lon.isEmpty() || lat.isEmpty()) {
                return null;
            }
            double[] xy = laea.forward(lon.get(), lat.get());
            xMin = xy[0];
            yMax = xy[1];
        }
        List<Double> corners = new ArrayList<>();
        for (String c : List.of("LL", "UL", "UR", "LR")) {
            Optional<Double> lon = Hdf5Attributes.number(w, c + "_lon");
            Optional<Double> lat = Hdf5Attributes.number(w, c + "_lat");
            if (lon.isEmpty() || lat.isEmpty()) {
                corners.clear();
                break;
            }
            corners.add(lon.get());
            corners.add(lat.get());
        }
        double sx = xscale.get();
        double sy = yscale.get();
        return new GeoReference(projdef.get(), xMin, yMax - rows * sy, xMin + cols * sx, yMax, sx, sy, "m", corners);
    }
}
