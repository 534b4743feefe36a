package nowcast.sink.store;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import nowcast.forecast.Forecast;
import nowcast.frame.GeoReference;
import nowcast.frame.GridMapping;
import nowcast.frame.PhysicalField;
import nowcast.frame.Quantisation;
import nowcast.products.Accumulation;
import nowcast.products.Exceedance;
import nowcast.products.ForecastProducts;
import nowcast.sink.SinkJson;

/**
 * Turns a forecast into the files of its folder: {@code forecast.npy} (physical values stacked by
 * lead), {@code lead-NN.png} (display images) and {@code forecast.json} (all metadata). The bytes
 * depend only on the forecast, so writing the same forecast twice gives the same files.
 */
public final class ForecastFiles {

    public static final String FORMAT = "nowcast-forecast/1";

    private ForecastFiles() {
    }

    /** File name to content, metadata last (stores that cannot rename use it as the commit marker). */
    public static Map<String, byte[]> render(Forecast forecast) {
        return render(forecast, ForecastProducts.of(forecast.frames(), forecast.leadTimes()));
    }

    /** The forecast's files and those of its products, metadata last. */
    public static Map<String, byte[]> render(Forecast forecast, ForecastProducts products) {
        if (forecast.frames().isEmpty()) {
            throw new IllegalArgumentException("forecast for " + forecast.sourceId() + " at " + forecast.baseTime()
                    + " has no frames");
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(ForecastFileName.ARRAY, NpyWriter.stack(forecast.frames()));
        for (int i = 0; i < forecast.frames().size(); i++) {
            files.put(ForecastFileName.leadPng(i + 1), PngRenderer.render(forecast.frames().get(i)));
        }
        for (Accumulation a : products.accumulations()) {
            files.put(ForecastFileName.accumulation(a.minutes(), "npy"), NpyWriter.array(new long[] {
                a.millimetres().rows(), a.millimetres().cols()}, List.of(a.millimetres().values())));
            files.put(ForecastFileName.accumulation(a.minutes(), "png"), PngRenderer.render(a.millimetres()));
        }
        Exceedance ex = products.exceedance();
        if (ex != null) {
            List<float[]> parts = new ArrayList<>();
            for (int t = 0; t < ex.thresholds().size(); t++) {
                for (int k = 0; k < ex.leadTimes().size(); k++) {
                    parts.add(ex.probability(t, k));
                    files.put(ForecastFileName.exceedancePng(t + 1, k + 1),
                            PngRenderer.render(ex.field(t, k), ColourScales.PROBABILITY));
                }
            }
            files.put(ForecastFileName.EXCEEDANCE, NpyWriter.array(new long[] {ex.thresholds().size(),
                ex.leadTimes().size(), ex.rows(), ex.cols()}, parts));
        }
        files.put(ForecastFileName.METADATA, metadata(forecast, products));
        return files;
    }

    static byte[] metadata(Forecast f) {
        return metadata(f, ForecastProducts.none());
    }

    static byte[] metadata(Forecast f, ForecastProducts products) {
        PhysicalField first = f.frames().get(0);
        ObjectNode root = SinkJson.MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("sourceId", f.sourceId());
        root.put("product", f.product());
        root.put("quantity", first.quantity().name());
        root.put("unit", first.quantity().unit());
        root.put("baseTime", f.baseTime().toString());
        times(root.putArray("inputTimes"), f.inputTimes());
        times(root.putArray("interpolatedInputs"), f.interpolatedInputs());
        ArrayNode leads = root.putArray("leads");
        for (int i = 0; i < f.leadTimes().size(); i++) {
            Duration lead = f.leadTimes().get(i);
            ObjectNode l = leads.addObject();
            l.put("index", i + 1);
            l.put("leadSeconds", lead.toSeconds());
            l.put("lead", lead.toString());
            l.put("validTime", f.validTime(i).toString());
            l.put("png", ForecastFileName.leadPng(i + 1));
        }
        ObjectNode array = root.putObject("array");
        array.put("file", ForecastFileName.ARRAY);
        array.put("dtype", "float32 little-endian (<f4)");
        ArrayNode shape = array.putArray("shape");
        shape.add(f.frames().size()).add(first.rows()).add(first.cols());
        if (first.channels() > 1) {
            shape.add(first.channels());
        }
        array.put("axes", first.channels() > 1 ? "lead, row, col, channel" : "lead, row, col");
        array.put("unit", first.quantity().unit());
        array.put("noData", "NaN");
        array.put("rowOrder", "row 0 is the northern/top edge");
        ObjectNode grid = root.putObject("grid");
        grid.put("rows", first.rows()).put("cols", first.cols()).put("channels", first.channels());
        gridMapping(root.putObject("gridMapping"), f.gridMapping());
        geo(root, f.geo());
        quantisation(root.putObject("wireQuantisation"), f.quantisation());
        colourScale(root.putObject("colourScale"), ColourScales.forQuantity(first.quantity()));
        ObjectNode model = root.putObject("model");
        if (f.model() != null) {
            model.put("name", f.model().name()).put("scale", f.model().scale()).put("version", f.model().version())
                    .put("artifactHash", f.model().artifactHash()).put("device", f.model().device());
        }
        ObjectNode timings = root.putObject("timings");
        if (f.timings() != null) {
            timings.put("queueMillis", f.timings().queueMillis())
                    .put("inferenceMillis", f.timings().inferenceMillis())
                    .put("endToEndMillis", f.timings().endToEndMillis())
                    .put("batchSize", f.timings().batchSize());
        }
        products(root.putObject("products"), products, first.quantity().unit());
        root.put("createdAt", f.createdAt() == null ? null : f.createdAt().toString());
        try {
            return SinkJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("metadata of " + f.sourceId() + " at " + f.baseTime()
                    + " could not be written as JSON", e);
        }
    }

    private static void products(ObjectNode out, ForecastProducts products, String unit) {
        out.put("calibration", products.calibration());
        ArrayNode acc = out.putArray("accumulations");
        for (Accumulation a : products.accumulations()) {
            acc.addObject().put("minutes", a.minutes()).put("coveredMinutes", a.coveredMinutes()).put("unit", "mm")
                    .put("npy", ForecastFileName.accumulation(a.minutes(), "npy"))
                    .put("png", ForecastFileName.accumulation(a.minutes(), "png"));
        }
        Exceedance ex = products.exceedance();
        if (ex == null) {
            out.putNull("exceedance");
            return;
        }
        ObjectNode e = out.putObject("exceedance");
        e.put("npy", ForecastFileName.EXCEEDANCE);
        e.putArray("shape").add(ex.thresholds().size()).add(ex.leadTimes().size()).add(ex.rows()).add(ex.cols());
        e.put("axes", "threshold, lead, row, col");
        e.put("unit", unit);
        ArrayNode thresholds = e.putArray("thresholds");
        ex.thresholds().forEach(thresholds::add);
        ArrayNode pngs = e.putArray("png");
        for (int t = 0; t < ex.thresholds().size(); t++) {
            ArrayNode perLead = pngs.addArray();
            for (int k = 0; k < ex.leadTimes().size(); k++) {
                perLead.add(ForecastFileName.exceedancePng(t + 1, k + 1));
            }
        }
        colourScale(e.putObject("colourScale"), ColourScales.PROBABILITY);
    }

    private static void times(ArrayNode out, List<Instant> times) {
        times.forEach(t -> out.add(t.toString()));
    }

    private static void gridMapping(ObjectNode out, GridMapping m) {
        if (m == null) {
            return;
        }
        out.put("sourceRows", m.sourceRows()).put("sourceCols", m.sourceCols()).put("cropRow", m.cropRow())
                .put("cropCol", m.cropCol()).put("cropRows", m.cropRows()).put("cropCols", m.cropCols())
                .put("blockSize", m.blockSize()).put("averaging", m.averaging());
    }

    private static void geo(ObjectNode root, GeoReference g) {
        if (g == null) {
            root.putNull("geo");
            return;
        }
        ObjectNode out = root.putObject("geo");
        out.put("projection", g.projection()).put("xMin", g.xMin()).put("yMin", g.yMin()).put("xMax", g.xMax())
                .put("yMax", g.yMax()).put("pixelSizeX", g.pixelSizeX()).put("pixelSizeY", g.pixelSizeY())
                .put("units", g.units());
        ArrayNode corners = out.putArray("corners");
        g.corners().forEach(corners::add);
    }

    private static void quantisation(ObjectNode out, Quantisation q) {
        if (q == null) {
            return;
        }
        out.put("rawType", q.rawType().name()).put("gain", q.gain()).put("offset", q.offset())
                .put("nodata", q.nodata()).put("undetect", q.undetect()).put("undetectValue", q.undetectValue());
    }

    static void colourScale(ObjectNode out, ColourScale s) {
        out.put("name", s.name());
        out.put("scale", s.scaleName());
        out.put("noData", String.format("#%08x", ColourScale.NO_DATA_ARGB));
        if (s.continuous()) {
            out.put("kind", "grey ramp");
            out.put("min", s.min()).put("max", s.max());
        } else {
            out.put("kind", "bands; below the first band is transparent");
            ArrayNode bands = out.putArray("bands");
            s.bands().forEach(b -> bands.addObject().put("from", b.from()).put("colour", b.hex()));
        }
    }
}
