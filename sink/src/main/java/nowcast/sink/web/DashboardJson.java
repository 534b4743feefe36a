package nowcast.sink.web;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import nowcast.forecast.Forecast;
import nowcast.frame.Quantity;
import nowcast.products.Accumulation;
import nowcast.products.ExceedanceThresholds;
import nowcast.products.ForecastProducts;
import nowcast.products.ProbabilityScores;
import nowcast.products.RainAmounts;
import nowcast.scoring.Contingency;
import nowcast.sink.health.SinkHealth;
import nowcast.sink.store.ColourScale;
import nowcast.sink.store.ColourScales;
import nowcast.sink.store.ForecastFileName;
import nowcast.sink.store.ForecastKey;
import nowcast.sink.verify.ExceedanceScore;
import nowcast.sink.verify.LeadAggregate;

/** The JSON documents of the HTTP API and the SSE events (docs/sink.md, "HTTP API"). */
public final class DashboardJson {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private DashboardJson() {
    }

    public static String text(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("JSON encoding failed", e);
        }
    }

    static void send(io.javalin.http.Context ctx, JsonNode node) {
        ctx.contentType("application/json").result(text(node));
    }

    static ObjectNode error(int status, String message) {
        return MAPPER.createObjectNode().put("status", status).put("error", message);
    }

    static String forecastUrl(ForecastKey key, String file) {
        return "/api/sources/" + key.sourceId() + "/forecasts/" + key.baseTimeName() + "/" + file;
    }

    /** Summary of a forecast with the URLs of its images, array and metadata. */
    public static ObjectNode forecast(Forecast f) {
        ForecastKey key = new ForecastKey(f.sourceId(), f.baseTime());
        ObjectNode n = MAPPER.createObjectNode();
        n.put("sourceId", f.sourceId());
        n.put("baseTime", f.baseTime().toString());
        n.put("key", key.baseTimeName());
        n.put("product", f.product());
        var q = f.frames().get(0).quantity();
        n.put("quantity", q.name());
        n.put("unit", q.unit());
        n.put("rows", f.frames().get(0).rows()).put("cols", f.frames().get(0).cols());
        n.put("model", f.model() == null ? null : f.model().name());
        n.put("createdAt", f.createdAt() == null ? null : f.createdAt().toString());
        n.put("endToEndMillis", f.timings() == null ? null : f.timings().endToEndMillis());
        n.put("metadataUrl", forecastUrl(key, ForecastFileName.METADATA));
        n.put("arrayUrl", forecastUrl(key, ForecastFileName.ARRAY));
        ArrayNode leads = n.putArray("leads");
        for (int i = 0; i < f.leadTimes().size(); i++) {
            leads.addObject().put("index", i + 1).put("leadSeconds", f.leadTimes().get(i).toSeconds())
                    .put("validTime", f.validTime(i).toString())
                    .put("imageUrl", forecastUrl(key, ForecastFileName.leadPng(i + 1)));
        }
        n.set("colourScale", colourScale(ColourScales.forQuantity(q)));
        n.set("products", products(key, q, f.frames().get(0).channels(), f.leadTimes().size()));
        return n;
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

    /** The {@code frame} event: a new observation of a source. */
    public static ObjectNode frame(String sourceId, Instant time) {
        return MAPPER.createObjectNode().put("sourceId", sourceId).put("time", time.toString());
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

    public static ObjectNode scores(String sourceId, List<LeadAggregate> aggregates) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("sourceId", sourceId);
        ArrayNode arr = n.putArray("leads");
        for (LeadAggregate a : aggregates) {
            ObjectNode l = arr.addObject();
            l.put("method", a.method()).put("leadIndex", a.leadIndex())
                    .put("leadSeconds", a.lead() == null ? null : a.lead().toSeconds()).put("count", a.count())
                    .put("mse", finite(a.mse())).put("mae", finite(a.mae()));
            ArrayNode cats = l.putArray("categories");
            for (Contingency t : a.categories()) {
                cats.addObject().put("threshold", t.threshold()).put("hits", t.hits()).put("misses", t.misses())
                        .put("falseAlarms", t.falseAlarms()).put("csi", Contingency.definedOrNull(t.csi()))
                        .put("pod", Contingency.definedOrNull(t.pod())).put("far", Contingency.definedOrNull(t.far()));
            }
            ArrayNode ex = l.putArray("exceedance");
            for (ExceedanceScore e : a.exceedance()) {
                ProbabilityScores p = e.scores();
                ObjectNode o = ex.addObject().put("threshold", e.threshold()).put("pixels", p.count())
                        .put("baseRate", finite(p.baseRate())).put("brier", finite(p.brier()))
                        .put("brierClimatology", finite(p.climatologyBrier())).put("bss", finite(p.brierSkill()));
                ArrayNode bins = o.putArray("reliability");
                for (int b = 0; b < ProbabilityScores.BINS; b++) {
                    bins.addObject().put("from", (double) b / ProbabilityScores.BINS)
                            .put("to", (double) (b + 1) / ProbabilityScores.BINS).put("count", p.binCount(b))
                            .put("meanProbability", finite(p.binMeanProbability(b)))
                            .put("observedFrequency", finite(p.binObservedFrequency(b)));
                }
            }
        }
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
