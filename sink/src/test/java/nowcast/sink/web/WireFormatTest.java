package nowcast.sink.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nowcast.frame.PhysicalField;
import nowcast.products.Calibration;
import nowcast.sink.Fixtures;
import nowcast.sink.SinkListener;
import nowcast.sink.SinkJson;
import nowcast.sink.SinkPipeline;
import nowcast.sink.alerts.Alert;
import nowcast.sink.alerts.AlertDocument;
import nowcast.sink.alerts.AlertEngine;
import nowcast.sink.alerts.AlertRule;
import nowcast.sink.alerts.Alerting;
import nowcast.sink.alerts.RuleBook;
import nowcast.sink.alerts.RuleRequests;
import nowcast.sink.alerts.SourceFacts;
import nowcast.sink.alerts.WebhookDispatcher;
import nowcast.sink.alerts.WebhookPolicy;
import nowcast.sink.health.SinkHealth;
import nowcast.sink.map.MapViews;
import nowcast.sink.store.DirectoryForecastStore;
import nowcast.sink.verify.RollingScores;
import nowcast.sink.verify.Verifier;

/**
 * The HTTP API and SSE documents byte for byte (field names, order, nesting, null versus absent,
 * number formatting), compared with the documents in {@code src/test/resources/nowcast/sink/web/wire}.
 * Those were written by the sink before its documents became record types; a change of the wire
 * format must be deliberate: rerun with {@code -Dnowcast.wire.record=true} (from the sink module's
 * folder) and review the diff. Values that differ from run to run (rule ids, timings measured by
 * the machine) are replaced by a marker of their JSON type.
 */
class WireFormatTest {

    private static final Path GOLDEN = Path.of("src/test/resources/nowcast/sink/web/wire");
    private static final boolean RECORD = Boolean.getBoolean("nowcast.wire.record");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T13:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path root;

    private DashboardServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void everyDocumentOfTheApiAndTheEventStreamIsAsBefore() throws Exception {
        DirectoryForecastStore store = new DirectoryForecastStore(root.resolve("store"));
        SinkHealth health = new SinkHealth(CLOCK);
        RollingScores rolling = new RollingScores(10);
        SourceBoard board = new SourceBoard(CLOCK);
        EventHub events = new EventHub(64, 8);
        RuleBook book = new RuleBook();
        MapViews views = new MapViews();
        WebhookPolicy policy = new WebhookPolicy(false);
        Alerting alerting = new Alerting(book, new RuleRequests(id -> board.latest(id).map(l -> {
            PhysicalField f = l.forecast().frames().get(0);
            return new SourceFacts(f.quantity(), l.forecast().geo(), f.rows(), f.cols());
        }), policy, new TickingClock()), new Alerting.RuleStore() {
            @Override
            public void put(AlertRule rule) {
                book.put(rule);
            }

            @Override
            public void delete(String id) {
                book.remove(id);
            }
        }, issue -> new AlertEngine(book, views, Calibration.shipped(), issue, CLOCK),
                new WebhookDispatcher(WebhookDispatcher.Settings.defaults(), policy, (d, r) -> { }, CLOCK),
                a -> events.publish("alert", SinkJson.text(AlertDocument.of(a))));
        // the order of the sink: the alert event is what SinkService publishes
        SinkPipeline pipeline = new SinkPipeline(store, Verifier.withDefaults(), rolling, health, s -> { },
                SinkListener.both(new DashboardFeed(board, events), new SinkListener() {
                    @Override
                    public void forecastStored(nowcast.forecast.Forecast f, nowcast.products.ForecastProducts p) {
                        alerting.onForecast(f, p);
                    }
                }));
        server = new DashboardServer(new DashboardServer.Settings("127.0.0.1", 0, null), store, board, rolling,
                health, events, pipeline::pendingVerifications, views, alerting).start();
        Map<String, String> docs = new LinkedHashMap<>();

        for (int step = 0; step <= 8; step++) {
            pipeline.onFrame(Fixtures.frame("radar", step, 16, 16));
        }
        HttpResponse<InputStream> sse = http.send(HttpRequest.newBuilder(URI.create(url("/api/events")))
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream());
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> new BufferedReader(new InputStreamReader(sse.body(), StandardCharsets.UTF_8))
                .lines().forEach(lines::add), "sse-reader");
        reader.setDaemon(true);
        reader.start();
        docs.put("event-hello", nextEvent(lines, "hello"));
        pipeline.onFrame(Fixtures.frame("radar", 9, 16, 16));
        docs.put("event-frame", nextEvent(lines, "frame"));
        pipeline.onForecast(Fixtures.forecast("radar", 9, 16, 16, 1, "gs2pm"));
        docs.put("event-forecast", nextEvent(lines, "forecast"));
        docs.put("rule-created", post("/api/alerts/rules", "{\"source\":\"radar\",\"area\":{\"type\":\"circle\","
                + "\"lat\":49.36,\"lon\":0.01,\"radiusKm\":500},\"threshold\":0.5,\"unit\":\"mm/h\",\"withinMinutes\":60}"));
        docs.put("rule-created-polygon", post("/api/alerts/rules", "{\"source\":\"radar\",\"area\":{\"type\":"
                + "\"polygon\",\"points\":[[40,-10],[40,20],[60,20],[60,-10]]},\"threshold\":200,\"unit\":\"mm/h\","
                + "\"probability\":0.5,\"withinMinutes\":30}"));
        docs.put("rule-created-domain", post("/api/alerts/rules", "{\"source\":\"radar\",\"area\":{\"type\":"
                + "\"domain\"},\"threshold\":0.5,\"unit\":\"mm\",\"accumulationMinutes\":30,\"withinMinutes\":60}"));
        pipeline.onFrame(Fixtures.frame("radar", 10, 16, 16));
        docs.put("event-scores", nextEvent(lines, "scores"));
        pipeline.onForecast(Fixtures.forecast("radar", 10, 16, 16, 1, "gs2pm"));
        docs.put("event-alert", nextEvent(lines, "alert"));
        sse.body().close();

        docs.put("health", get("/health"));
        docs.put("api-health", get("/api/health"));
        docs.put("sources", get("/api/sources"));
        docs.put("source", get("/api/sources/radar"));
        docs.put("forecasts", get("/api/sources/radar/forecasts"));
        docs.put("forecast-latest", get("/api/sources/radar/forecasts/latest"));
        docs.put("forecast-metadata", get("/api/sources/radar/forecasts/20260301T125000Z"));
        docs.put("observed-latest", get("/api/sources/radar/observed/latest"));
        docs.put("scores", get("/api/sources/radar/scores"));
        docs.put("map", get("/api/sources/radar/map"));
        JsonNode lattice = SinkJson.MAPPER.readTree(docs.get("map").substring(4)).get("lattice");
        docs.put("point-latlon", get("/api/sources/radar/point?lat=" + lattice.get("lat").get(8 * 17 + 8).asDouble()
                + "&lon=" + (lattice.get("lon").get(8 * 17 + 8).asDouble() + 0.001)));
        docs.put("point-outside", get("/api/sources/radar/point?lat=10.0&lon=5.0"));
        docs.put("point-rowcol", get("/api/sources/radar/point?row=3&col=4"));
        docs.put("rules", get("/api/alerts/rules"));
        docs.put("alerts", get("/api/alerts"));
        docs.put("alert", SinkJson.text(AlertDocument.of(new Alert("r-1", "radar",
                Alert.Kind.START, Instant.parse("2026-03-01T12:45:00Z"), "gs2pm", 5.0, "mm/h", 0.3, 30, 60, 12.5, 10,
                7, Instant.parse("2026-03-01T12:46:00Z")))));
        docs.put("alert-nulls", SinkJson.text(AlertDocument.of(new Alert("r-2", "radar",
                Alert.Kind.ALL_CLEAR, Instant.parse("2026-03-01T12:45:00Z"), null, 5.0, "mm/h", null, null, 60,
                Double.NaN, null, 0, Instant.parse("2026-03-01T12:46:00Z")))));
        docs.put("error-404", get("/api/sources/nowhere/forecasts/latest"));
        docs.put("error-400", get("/api/sources/radar/point?lat=95&lon=5"));
        docs.put("error-rule", post("/api/alerts/rules", "{\"source\":\"radar\"}"));
        docs.put("error-jetty", rawBody("/api/sources/radar/forecasts/20260301T124500Z/../../../../secret.txt"));

        for (Map.Entry<String, String> d : docs.entrySet()) {
            String text = normalise(d.getValue());
            Path file = GOLDEN.resolve(d.getKey() + ".json");
            if (RECORD) {
                Files.createDirectories(GOLDEN);
                Files.writeString(file, text + "\n");
            } else {
                String expected = Files.readString(file).stripTrailing();
                if (d.getKey().equals("alerts")) {
                    // alerts of one forecast are active together: the engine lists them in no set order
                    text = activeSorted(text);
                    expected = activeSorted(expected);
                }
                assertThat(text).as(d.getKey()).isEqualTo(expected);
            }
        }
    }

    private static String activeSorted(String statusAndJson) throws IOException {
        int space = statusAndJson.indexOf(' ');
        com.fasterxml.jackson.databind.node.ObjectNode doc = (com.fasterxml.jackson.databind.node.ObjectNode)
                SinkJson.MAPPER.readTree(statusAndJson.substring(space + 1));
        List<String> active = new ArrayList<>();
        doc.get("active").forEach(a -> active.add(a.toString()));
        Collections.sort(active);
        return statusAndJson.substring(0, space) + " " + doc.get("recent") + " " + active;
    }

    /** Replaces what differs between runs (rule ids, the machine's timings) with markers. */
    private static String normalise(String json) {
        return json.replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<uuid>")
                .replaceAll("\"(lastEndToEndMillis|meanEndToEndMillis|lastStoreDelayMillis|forecastsPerMinute)\":"
                        + "-?[0-9.Ee+-]+", "\"$1\":<number>")
                .replaceAll("\"store\":\"[^\"]*\"", "\"store\":<text>")
                .replaceAll("\"secret\":\"[^\"]*\"", "\"secret\":<text>");
    }

    /** A second later at each reading: rules made one after the other list in that order. */
    private static final class TickingClock extends Clock {
        private final java.util.concurrent.atomic.AtomicLong ticks = new java.util.concurrent.atomic.AtomicLong();

        @Override
        public Instant instant() {
            return CLOCK.instant().plusSeconds(ticks.getAndIncrement());
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    private String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url(path)))
                .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.headers().firstValue("Content-Type")).as(path).hasValueSatisfying(v -> assertThat(v)
                .startsWith("application/json"));
        return r.statusCode() + " " + r.body();
    }

    private String post(String path, String body) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url(path)))
                .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        return r.statusCode() + " " + r.body();
    }

    private String rawBody(String path) throws IOException {
        String response = RawHttp.get(server.port(), path);
        assertThat(response).contains("Content-Type: application/json");
        return response.substring(9, 12) + " " + response.substring(response.indexOf("\r\n\r\n") + 4);
    }

    /** The data of the next event named {@code name} (others are skipped). */
    private static String nextEvent(BlockingQueue<String> lines, String name) throws InterruptedException {
        String event = null;
        String line;
        while ((line = lines.poll(20, TimeUnit.SECONDS)) != null) {
            if (line.startsWith("event: ")) {
                event = line.substring(7);
            } else if (line.startsWith("data: ") && name.equals(event)) {
                return line.substring(6);
            }
        }
        throw new AssertionError("no " + name + " event within 20 s");
    }
}
