package nowcast.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nowcast.forecast.Forecast;
import nowcast.platform.testing.LocalStack;
import nowcast.products.Accumulation;
import nowcast.schemas.Topics;
import nowcast.schemas.serde.NowcastSerdes;
import nowcast.sink.alerts.Storms;
import nowcast.sink.alerts.WebhookDispatcher;
import nowcast.sink.store.DirectoryForecastStore;
import nowcast.sink.web.DashboardServer;

/**
 * Area alerts and products end to end on the in-process broker and registry: a rule made over HTTP,
 * a synthetic storm passing its circle, the sink restarted in the middle, and exactly one start and
 * one all-clear on the alerts topic and at a signed webhook; products decoded from their topic with
 * the registered schema alone.
 */
class AlertsIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LocalStack stack = LocalStack.shared();
    private final Topics topics = stack.freshTopics(1);
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path storeDir;

    private SinkService sink;
    private Thread thread;
    private HttpServer receiver;
    private final List<JsonNode> calls = new CopyOnWriteArrayList<>();
    private final AtomicReference<String> secret = new AtomicReference<>();

    private void startSink() throws Exception {
        SinkService.Settings settings = new SinkService.Settings(stack.bootstrapServers(), stack.registryUrl(), topics,
                "sink-" + topics.prefix(), DashboardServer.Settings.localhost(0), Duration.ofDays(1),
                Duration.ofMinutes(10), 10, null, new SinkService.AlertSettings(true,
                new WebhookDispatcher.Settings(100, 2, 3, Duration.ofMillis(100), Duration.ofSeconds(2),
                        Duration.ofSeconds(5))));
        sink = new SinkService(settings, new DirectoryForecastStore(storeDir));
        thread = new Thread(sink::run, "sink-under-test");
        thread.start();
    }

    private void stopSink() throws InterruptedException {
        if (sink != null) {
            sink.close();
            thread.join(30_000);
            sink = null;
        }
    }

    @AfterEach
    void stop() throws InterruptedException {
        stopSink();
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    /** A webhook receiver that keeps the calls whose signature checks out with the rule's secret. */
    private String startReceiver() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/alerts", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String ts = exchange.getRequestHeaders().getFirst("X-Nowcast-Timestamp");
            String signature = exchange.getRequestHeaders().getFirst("X-Nowcast-Signature");
            try {
                javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
                mac.init(new javax.crypto.spec.SecretKeySpec(secret.get().getBytes(StandardCharsets.UTF_8),
                        "HmacSHA256"));
                mac.update((ts + ".").getBytes(StandardCharsets.US_ASCII));
                String expected = "sha256=" + java.util.HexFormat.of().formatHex(mac.doFinal(body));
                if (MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                        signature.getBytes(StandardCharsets.US_ASCII))) {
                    calls.add(JSON.readTree(body));
                    exchange.sendResponseHeaders(204, -1);
                } else {
                    exchange.sendResponseHeaders(401, -1);
                }
            } catch (Exception e) {
                exchange.sendResponseHeaders(500, -1);
            }
            exchange.close();
        });
        receiver.start();
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/alerts";
    }

    private HttpResponse<String> request(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sink.port() + path))
                .timeout(Duration.ofSeconds(10));
        b = body == null ? b.method(method, HttpRequest.BodyPublishers.noBody())
                : b.method(method, HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void publish(int fromBase, int toBase) throws Exception {
        try (var producer = new KafkaProducer<>(stack.clientConfig(), new StringSerializer(),
                NowcastSerdes.forecasts(stack.serdeConfig()).serializer())) {
            for (int b = fromBase; b <= toBase; b++) {
                producer.send(new ProducerRecord<>(topics.forecasts(), "nl", Storms.forecast("nl", b))).get();
            }
        }
    }

    @Test
    void aStormStartsOneAlertAndClearsItOnceAcrossASinkRestart() throws Exception {
        String hook = startReceiver();
        startSink();
        publish(0, 0);
        waitFor(() -> request("GET", "/api/sources/nl/forecasts/latest", null).statusCode() == 200);

        HttpResponse<String> bad = request("POST", "/api/alerts/rules", "{\"source\": \"nl\", \"area\": ");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(bad.body()).get("error").asText()).contains("not JSON");
        assertThat(request("DELETE", "/api/alerts/rules/00000000-0000-0000-0000-000000000000", null).statusCode())
                .isEqualTo(404);

        double[] centre = Storms.lonLat(32, 40);
        String rule = "{\"source\": \"nl\", \"area\": {\"type\": \"circle\", \"lat\": " + centre[1] + ", \"lon\": "
                + centre[0] + ", \"radiusKm\": 6}, \"threshold\": 5, \"withinMinutes\": 15, \"webhook\": \"" + hook + "\"}";
        HttpResponse<String> created = request("POST", "/api/alerts/rules", rule);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode made = JSON.readTree(created.body());
        String ruleId = made.get("id").asText();
        secret.set(made.get("secret").asText());

        // the storm reaches the circle from the forecast of step 11 on
        publish(1, 15);
        waitFor(() -> calls.size() >= 1);
        JsonNode active = JSON.readTree(request("GET", "/api/alerts", null).body()).get("active");
        assertThat(active).hasSize(1);
        assertThat(active.get(0).get("ruleId").asText()).isEqualTo(ruleId);

        // restart: the rule comes back from the compacted topic, the state from the alerts topic
        stopSink();
        startSink();
        waitFor(() -> request("GET", "/api/alerts/rules", null).statusCode() == 200);
        JsonNode rules = JSON.readTree(request("GET", "/api/alerts/rules", null).body()).get("rules");
        assertThat(rules).hasSize(1);
        assertThat(rules.get(0).get("active").asBoolean()).isTrue();
        assertThat(rules.get(0).has("secret")).isFalse();
        // a replay of forecasts already seen, then the storm moves on: cleared from step 22
        publish(12, 30);
        waitFor(() -> calls.size() >= 2);
        waitFor(() -> request("GET", "/api/sources/nl/forecasts/latest", null).body()
                .contains(Storms.T0.plus(Storms.CADENCE.multipliedBy(30)).toString()));

        List<nowcast.avro.Alert> alerts = readAlerts();
        assertThat(alerts).extracting(a -> a.getKind().name()).containsExactly("START", "ALL_CLEAR");
        assertThat(alerts).allMatch(a -> a.getRuleId().equals(ruleId));
        assertThat(alerts.get(0).getBaseTime()).isEqualTo(Storms.T0.plus(Storms.CADENCE.multipliedBy(11)));
        assertThat(alerts.get(1).getBaseTime()).isEqualTo(Storms.T0.plus(Storms.CADENCE.multipliedBy(22)));
        assertThat(calls).extracting(c -> c.get("kind").asText()).containsExactly("start", "all-clear");

        try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
            ConfigResource r = new ConfigResource(ConfigResource.Type.TOPIC, topics.alertRules());
            assertThat(admin.describeConfigs(List.of(r)).all().get().get(r).get("cleanup.policy").value())
                    .isEqualTo("compact");
        }
        assertThat(request("DELETE", "/api/alerts/rules/" + ruleId, null).statusCode()).isEqualTo(204);
        assertThat(JSON.readTree(request("GET", "/api/alerts/rules", null).body()).get("rules")).isEmpty();
    }

    @Test
    void productsOnTheirTopicDecodeWithTheRegisteredSchemaAlone() throws Exception {
        startSink();
        publish(5, 5);
        byte[] value = readRaw(topics.products());
        // Confluent wire format: magic byte 0, schema id (big-endian int), Avro binary
        ByteBuffer b = ByteBuffer.wrap(value);
        assertThat(b.get()).isZero();
        int id = b.getInt();
        HttpResponse<String> schema = http.send(HttpRequest.newBuilder(URI.create(stack.registryUrl()
                + "/schemas/ids/" + id)).build(), HttpResponse.BodyHandlers.ofString());
        Schema s = new Schema.Parser().parse(JSON.readTree(schema.body()).get("schema").asText());
        GenericRecord r = new GenericDatumReader<GenericRecord>(s).read(null,
                DecoderFactory.get().binaryDecoder(new ByteArrayInputStream(value, 5, value.length - 5), null));

        assertThat(r.get("sourceId").toString()).isEqualTo("nl");
        int rows = (Integer) r.get("rows");
        int cols = (Integer) r.get("cols");
        Forecast f = Storms.forecast("nl", 5);
        Accumulation expected = Accumulation.of(f.frames(), f.leadTimes(), 30);
        GenericRecord acc = (GenericRecord) ((List<?>) r.get("accumulations")).get(0);
        assertThat(acc.get("minutes")).isEqualTo(30);
        ByteBuffer mm = ((ByteBuffer) acc.get("values")).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(mm.remaining()).isEqualTo(rows * cols * 4);
        int centre = 32 * cols + 4 + 2 * 6;
        assertThat(mm.getFloat(centre * 4)).isEqualTo(expected.millimetres().values()[centre]);
        GenericRecord ex = (GenericRecord) r.get("exceedance");
        List<?> rasters = (List<?>) ex.get("probabilities");
        assertThat(rasters).hasSize(3 * 10);
        ByteBuffer p = (ByteBuffer) rasters.get(0);
        assertThat(p.remaining()).isEqualTo(rows * cols);
        // threshold 1 mm/h, lead 1: in the storm's middle nearly certain, far away nearly zero
        assertThat(p.get(32 * cols + 4 + 2 * 6) & 0xff).isGreaterThan(80).isLessThanOrEqualTo(100);
        assertThat(p.get(5 * cols + 60) & 0xff).isLessThan(5);
    }

    private byte[] readRaw(String topic) throws Exception {
        Map<String, Object> config = new HashMap<>(stack.clientConfig());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "raw-" + Instant.now().toEpochMilli());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + 30_000;
            while (System.currentTimeMillis() < deadline) {
                for (var rec : consumer.poll(Duration.ofMillis(300))) {
                    return rec.value();
                }
            }
        }
        throw new AssertionError("nothing on " + topic + " within 30 s");
    }

    private List<nowcast.avro.Alert> readAlerts() {
        Map<String, Object> config = new HashMap<>(stack.clientConfig());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "alerts-" + Instant.now().toEpochMilli());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<nowcast.avro.Alert> out = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                NowcastSerdes.avro(nowcast.avro.Alert.class, stack.serdeConfig()).deserializer())) {
            consumer.subscribe(List.of(topics.alerts()));
            long deadline = System.currentTimeMillis() + 10_000;
            while (System.currentTimeMillis() < deadline && out.size() < 2) {
                consumer.poll(Duration.ofMillis(300)).forEach(rec -> out.add(rec.value()));
            }
            // a repeated alert would be there by now
            consumer.poll(Duration.ofMillis(1500)).forEach(rec -> out.add(rec.value()));
        }
        return out;
    }

    interface Check {
        boolean ok() throws Exception;
    }

    private static boolean holds(Check check) {
        try {
            return check.ok();
        } catch (Exception notYet) {
            return false;
        }
    }

    /** Waits until the check holds; a check that throws (the sink still starting) counts as not yet. */
    private static void waitFor(Check check) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (!holds(check)) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("condition not met within 30 s");
            }
            Thread.sleep(100);
        }
    }
}
