package nowcast.sink.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import nowcast.sink.Fixtures;
import nowcast.sink.SinkPipeline;
import nowcast.sink.health.SinkHealth;
import nowcast.sink.store.DirectoryForecastStore;
import nowcast.sink.verify.RollingScores;
import nowcast.sink.verify.Verifier;

class DashboardServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path root;

    private DashboardServer server;
    private SinkPipeline pipeline;
    private EventHub events;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private void start(String token) throws Exception {
        // A secret file next to the store: no request may ever read it.
        Files.writeString(root.resolve("secret.txt"), "top secret");
        DirectoryForecastStore store = new DirectoryForecastStore(root.resolve("store"));
        SinkHealth health = new SinkHealth(Clock.systemUTC());
        RollingScores rolling = new RollingScores(10);
        SourceBoard board = new SourceBoard(Clock.systemUTC());
        events = new EventHub(4, 8);
        pipeline = new SinkPipeline(store, Verifier.withDefaults(), rolling, health, s -> { },
                new DashboardFeed(board, events));
        server = new DashboardServer(new DashboardServer.Settings("127.0.0.1", 0, token), store, board, rolling,
                health, events, pipeline::pendingVerifications).start();
        for (int step = 0; step <= 10; step++) {
            pipeline.onFrame(Fixtures.frame("radar", step, 16, 16));
        }
        pipeline.onForecast(Fixtures.forecast("radar", 9, 16, 16, 1, "gs2pm"));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(10));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private JsonNode json(HttpResponse<byte[]> r) throws Exception {
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("json"));
        return JSON.readTree(r.body());
    }

    @Test
    void apiListsSourcesAndServesTheLatestForecastWithItsFiles() throws Exception {
        start(null);
        JsonNode sources = json(get("/api/sources"));
        assertThat(sources.get("sources").get(0).get("id").asText()).isEqualTo("radar");
        assertThat(sources.get("sources").get(0).get("status").asText()).isEqualTo("live");

        JsonNode latest = json(get("/api/sources/radar/forecasts/latest"));
        assertThat(latest.get("baseTime").asText()).isEqualTo("2026-03-01T12:45:00Z");
        assertThat(latest.get("leads")).hasSize(10);
        HttpResponse<byte[]> png = get(latest.get("leads").get(0).get("imageUrl").asText());
        assertThat(png.statusCode()).isEqualTo(200);
        assertThat(png.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(png.body()).startsWith(0x89, 'P', 'N', 'G');
        HttpResponse<byte[]> npy = get(latest.get("arrayUrl").asText());
        assertThat(new String(npy.body(), 1, 5, StandardCharsets.US_ASCII)).isEqualTo("NUMPY");
        assertThat(json(get(latest.get("metadataUrl").asText())).get("sourceId").asText()).isEqualTo("radar");
        assertThat(json(get("/api/sources/radar/forecasts")).get("forecasts")).hasSize(1);

        // Frame 10 verified lead 1 for the model and for persistence.
        JsonNode scores = json(get("/api/sources/radar/scores"));
        assertThat(scores.get("leads")).extracting(l -> l.get("method").asText())
                .containsExactlyInAnyOrder("gs2pm", "persistence");

        assertThat(get("/api/sources/radar/observed/latest.png").body()).startsWith(0x89, 'P', 'N', 'G');
        assertThat(json(get("/api/health")).get("forecasts").asInt()).isEqualTo(1);
        assertThat(new String(get("/metrics").body(), StandardCharsets.UTF_8)).contains("nowcast_sink_forecasts_total")
                .contains("nowcast_sink_end_to_end_milliseconds_count 1");
        assertThat(json(get("/health")).get("status").asText()).isEqualTo("UP");
        assertThat(new String(get("/").body(), StandardCharsets.UTF_8)).contains("<canvas id=\"forecast\"");
    }

    @Test
    void mapPointAndProductsOfTheLatestForecast() throws Exception {
        start(null);
        JsonNode latest = json(get("/api/sources/radar/forecasts/latest"));
        JsonNode products = latest.get("products");
        assertThat(products.get("accumulations")).extracting(a -> a.get("minutes").asInt()).containsExactly(30, 60);
        HttpResponse<byte[]> acc = get(products.get("accumulations").get(0).get("arrayUrl").asText());
        assertThat(acc.statusCode()).isEqualTo(200);
        assertThat(new String(acc.body(), 1, 5, StandardCharsets.US_ASCII)).isEqualTo("NUMPY");
        JsonNode ex = products.get("exceedance");
        assertThat(ex.get("thresholds")).hasSize(3);
        assertThat(get(ex.get("thresholds").get(2).get("imageUrls").get(9).asText()).body())
                .startsWith(0x89, 'P', 'N', 'G');

        // the first map decodes the world's outlines: on a busy machine that takes longer than the usual 10 s
        JsonNode map = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                + "/api/sources/radar/map")).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofByteArray()).body());
        assertThat(map.get("georeferenced").asBoolean()).isTrue();
        assertThat(map.get("lattice").get("lat")).hasSize(17 * 17);
        assertThat(map.get("forecast").get("xMax").asDouble()).isEqualTo(16.0);

        // the lattice's middle point is the middle of the 16x16 grid: pixel (8, 8) (its top-left corner)
        double lat = map.get("lattice").get("lat").get(8 * 17 + 8).asDouble();
        double lon = map.get("lattice").get("lon").get(8 * 17 + 8).asDouble();
        JsonNode point = json(get("/api/sources/radar/point?lat=" + lat + "&lon=" + (lon + 0.001)));
        assertThat(point.has("forecast")).as(point.toString()).isTrue();
        assertThat(point.get("forecast").get("inside").asBoolean()).isTrue();
        assertThat(point.get("forecast").get("values")).hasSize(10);
        assertThat(point.get("forecast").get("exceedance")).hasSize(3);
        JsonNode byRow = json(get("/api/sources/radar/point?row=3&col=4"));
        assertThat(byRow.get("forecast").get("values").get(0).asDouble()).isEqualTo(
                (double) Fixtures.forecast("radar", 9, 16, 16, 1, "gs2pm").frames().get(0).get(3, 4));

        HttpResponse<byte[]> bad = get("/api/sources/radar/point?lat=95&lon=5");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad).get("error").asText()).contains("'lat' must be within -90..90");
        assertThat(json(get("/api/sources/radar/point?lat=x&lon=5")).get("error").asText()).contains("not a number");
        assertThat(get("/api/sources/radar/point?row=99&col=0").statusCode()).isEqualTo(400);
        // this server runs without area alerts
        assertThat(get("/api/alerts").statusCode()).isEqualTo(503);
    }

    @Test
    void afterARestartTheLatestForecastComesFromTheStore() throws Exception {
        start(null);
        server.close();
        DirectoryForecastStore store = new DirectoryForecastStore(root.resolve("store"));
        SourceBoard empty = new SourceBoard(Clock.systemUTC());
        events = new EventHub(4, 8);
        server = new DashboardServer(DashboardServer.Settings.localhost(0), store, empty, new RollingScores(10),
                new SinkHealth(Clock.systemUTC()), events, () -> 0).start();

        assertThat(json(get("/api/sources")).get("sources").get(0).get("id").asText()).isEqualTo("radar");
        JsonNode latest = json(get("/api/sources/radar/forecasts/latest"));
        assertThat(latest.get("baseTime").asText()).isEqualTo("2026-03-01T12:45:00Z");
        assertThat(latest.get("quantity").asText()).isEqualTo("RAIN_RATE");
        assertThat(latest.get("leads")).hasSize(10);
        assertThat(latest.get("leads").get(9).get("leadSeconds").asLong()).isEqualTo(3000);
        assertThat(get(latest.get("leads").get(9).get("imageUrl").asText()).statusCode()).isEqualTo(200);
        assertThat(get("/api/sources/radar/observed/latest").statusCode()).isEqualTo(404);
    }

    @Test
    void unknownThingsAndMalformedRequestsGetJsonErrors() throws Exception {
        start(null);
        HttpResponse<byte[]> unknownSource = get("/api/sources/nowhere/forecasts/latest");
        assertThat(unknownSource.statusCode()).isEqualTo(404);
        assertThat(json(unknownSource).get("error").asText()).contains("nowhere");
        HttpResponse<byte[]> badTime = get("/api/sources/radar/forecasts/yesterday/lead-01.png");
        assertThat(badTime.statusCode()).isEqualTo(400);
        assertThat(json(badTime).get("error").asText()).contains("yesterday");
        HttpResponse<byte[]> badFile = get("/api/sources/radar/forecasts/20260301T124500Z/secret.txt");
        assertThat(badFile.statusCode()).isEqualTo(400);
        assertThat(json(badFile).get("status").asInt()).isEqualTo(400);
        HttpResponse<byte[]> noRoute = get("/api/nothing-here");
        assertThat(noRoute.statusCode()).isEqualTo(404);
        assertThat(json(noRoute).get("status").asInt()).isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "/api/sources/../forecasts/latest",
        "/api/sources/%2e%2e/forecasts/20260301T124500Z/forecast.json",
        "/api/sources/%2E%2E%2F%2E%2E/forecasts/latest",
        "/api/sources/radar/forecasts/20260301T124500Z/..%2F..%2F..%2F..%2F..%2F..%2Fsecret.txt",
        "/api/sources/radar/forecasts/20260301T124500Z/%2e%2e%2f%2e%2e%2fsecret.txt",
        "/api/sources/radar/forecasts/..%252F..%252Fsecret.txt/forecast.json",
        "/api/sources/..%5C..%5Csecret.txt/scores",
        "/api/sources/radar/forecasts/20260301T124500Z/../../../../../../secret.txt",
    })
    void pathParametersCannotEscapeTheStore(String path) throws Exception {
        start(null);
        String response = RawHttp.get(server.port(), path);
        int status = Integer.parseInt(response.substring(9, 12));
        assertThat(status).as(path + " -> " + response).isBetween(400, 499);
        assertThat(response).doesNotContain("top secret");
        assertThat(response).contains("Content-Type: application/json").contains("\"error\":");
    }

    @Test
    void bearerTokenProtectsApiAndPageButNotHealth() throws Exception {
        start("s3cret-token");
        HttpResponse<byte[]> anonymous = get("/api/sources");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(json(anonymous).get("error").asText()).contains("bearer token");
        assertThat(get("/").statusCode()).isEqualTo(401);
        assertThat(get("/api/sources", "Authorization", "Bearer wrong").statusCode()).isEqualTo(401);
        assertThat(get("/api/sources", "Authorization", "Bearer s3cret-token").statusCode()).isEqualTo(200);
        assertThat(get("/health").statusCode()).isEqualTo(200);
        // rule changes need the token like everything else
        HttpResponse<byte[]> post = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                + "/api/alerts/rules")).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(post.statusCode()).isEqualTo(401);
        HttpResponse<byte[]> delete = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                + "/api/alerts/rules/00000000-0000-0000-0000-000000000000")).DELETE().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(delete.statusCode()).isEqualTo(401);

        // Opening the page with ?token= sets a cookie that then carries the browser's image and SSE requests.
        HttpResponse<byte[]> page = get("/?token=s3cret-token");
        assertThat(page.statusCode()).isEqualTo(200);
        String cookie = page.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).contains("HttpOnly");
        assertThat(get("/api/sources/radar/observed/latest.png", "Cookie", cookie.split(";")[0]).statusCode())
                .isEqualTo(200);
    }

    @Test
    void aStalledSseClientDoesNotBlockOthers() throws Exception {
        start(null);
        // The stalled client connects and never reads; the fast one must still get every event.
        try (Socket stalled = new Socket("127.0.0.1", server.port())) {
            stalled.setReceiveBufferSize(1024);
            stalled.getOutputStream().write(("GET /api/events HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/events"))
                    .header("Accept", "text/event-stream").build();
            HttpResponse<InputStream> fast = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
            BufferedReader reader = new BufferedReader(new InputStreamReader(fast.body(), StandardCharsets.UTF_8));
            long deadline = System.currentTimeMillis() + 10_000;
            while (events.clients() < 2 && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            assertThat(events.clients()).isEqualTo(2);

            // 16 MB of events: far more than the stalled socket's buffers can take.
            String big = "\"" + "x".repeat(8_000) + "\"";
            CompletableFuture<Integer> published = CompletableFuture.supplyAsync(() -> {
                for (int i = 0; i < 2_000; i++) {
                    events.publish("bulk", big);
                }
                events.publish("marker", "\"last\"");
                return 2_000;
            });
            assertThat(published.get(60, TimeUnit.SECONDS)).isEqualTo(2_000);
            boolean sawMarker = false;
            String line;
            while (!sawMarker && (line = reader.readLine()) != null) {
                sawMarker = line.equals("event: marker");
            }
            assertThat(sawMarker).isTrue();
            assertThat(events.dropped()).isPositive();
            fast.body().close();
        }
    }
}
