package nowcast.sink.web;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import nowcast.frame.Quantity;
import nowcast.products.Accumulation;
import nowcast.products.ExceedanceThresholds;
import nowcast.products.ForecastProducts;
import nowcast.products.RainAmounts;
import nowcast.sink.health.SinkHealth;
import nowcast.sink.store.ColourScale;
import nowcast.sink.store.ColourScales;
import nowcast.sink.store.ForecastFileName;
import nowcast.sink.store.ForecastKey;

/** The JSON documents of the HTTP API and the SSE events (docs/sink.md, "HTTP API"). */
public final class DashboardJson {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private DashboardJson() {
    }

    /** A JSON tree or a record type as JSON text. */
    public static String text(Object document) {
        try {
            return MAPPER.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("JSON encoding failed", e);
        }
    }

    static void send(io.javalin.http.Context ctx, Object node) {
        ctx.contentType("application/json").result(text(node));
    }

    static ObjectNode error(int status, String message) {
        return MAPPER.createObjectNode().put("status", status).put("error", message);
    }

    static String forecastUrl(ForecastKey key, String file) {
        return "/api/sources/" + key.sourceId() + "/forecasts/" + key.baseTimeName() + "/" + file;
    }

    /**
     * URLs of a forecast's product files; which products a forecast has follows from its quantity
     * (the rules of {@link ForecastProducts}), so stored and live forecasts give the same document.
     */
    static ObjectNode products(ForecastKey key, Quantity q, int channels, int leads) {
        ObjectNode n = MAPPER.createObjectNode();
        ArrayNode acc = n.putArray("accumulations");
        List<Double> thresholds = channels == 1 ? ExceedanceThresholds.forQuantity(q) : List.of();
        if (channels == 1 && RainAmounts.supports(q)) {
            for (int minutes : Accumulation.STANDARD_MINUTES) {
                acc.addObject().put("minutes", minutes).put("unit", "mm")
                        .put("arrayUrl", forecastUrl(key, ForecastFileName.accumulation(minutes, "npy")))
                        .put("imageUrl", forecastUrl(key, ForecastFileName.accumulation(minutes, "png")));
            }
        }
        n.set("accumulationScale", colourScale(ColourScales.forQuantity(Quantity.ACCUMULATION)));
        if (thresholds.isEmpty()) {
            n.putNull("exceedance");
            return n;
        }
        ObjectNode ex = n.putObject("exceedance");
        ex.put("unit", q.unit()).put("arrayUrl", forecastUrl(key, ForecastFileName.EXCEEDANCE));
        ArrayNode th = ex.putArray("thresholds");
        for (int t = 0; t < thresholds.size(); t++) {
            ObjectNode o = th.addObject().put("value", thresholds.get(t));
            ArrayNode urls = o.putArray("imageUrls");
            for (int k = 0; k < leads; k++) {
                urls.add(forecastUrl(key, ForecastFileName.exceedancePng(t + 1, k + 1)));
            }
        }
        ex.set("colourScale", colourScale(ColourScales.PROBABILITY));
        return n;
    }

    static ObjectNode colourScale(ColourScale s) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("name", s.name()).put("scale", s.scaleName());
        ArrayNode bands = n.putArray("bands");
        s.bands().forEach(b -> bands.addObject().put("from", b.from()).put("colour", b.hex()));
        if (s.continuous()) {
            n.put("min", s.min()).put("max", s.max());
        }
        return n;
    }

    static ObjectNode source(SourceBoard.SourceStatus s) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("id", s.sourceId());
        n.put("status", s.status());
        n.put("product", s.product());
        n.put("quantity", s.quantity() == null ? null : s.quantity().name());
        n.put("unit", s.quantity() == null ? null : s.quantity().unit());
        n.put("cadenceSeconds", s.cadence() == null ? null : s.cadence().toSeconds());
        n.put("lastFrameTime", time(s.lastFrameTime()));
        n.put("lastFrameReceived", time(s.lastFrameReceived()));
        n.put("lastForecastBaseTime", time(s.lastForecastBaseTime()));
        n.put("lastForecastReceived", time(s.lastForecastReceived()));
        n.put("model", s.model());
        n.put("frames", s.frames());
        n.put("forecasts", s.forecasts());
        return n;
    }

    static ObjectNode health(SinkHealth.Snapshot h, int sseClients, long droppedEvents, int pending, String store) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("consumerLag", h.consumerLag() < 0 ? null : h.consumerLag());
        n.put("lastEndToEndMillis", finite(h.lastEndToEndMillis()));
        n.put("meanEndToEndMillis", finite(h.meanEndToEndMillis()));
        n.put("lastStoreDelayMillis", finite(h.lastStoreDelayMillis()));
        n.put("forecastsPerMinute", h.forecastsPerMinute());
        n.put("forecasts", h.forecasts()).put("frames", h.frames()).put("scores", h.scores())
                .put("failures", h.failures());
        n.put("uptimeSeconds", h.uptime().toSeconds());
        n.put("sseClients", sseClients).put("droppedEvents", droppedEvents);
        n.put("pendingVerifications", pending);
        n.put("store", store);
        return n;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static String time(Instant t) {
        return t == null ? null : t.toString();
    }
}
