package nowcast.platform.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import nowcast.forecast.Forecast;
import nowcast.forecast.ModelIdentity;
import nowcast.forecast.Timings;
import nowcast.frame.Frame;
import nowcast.frame.PhysicalField;
import nowcast.frame.Quantisation;
import nowcast.frame.Quantity;
import nowcast.frame.RawType;
import nowcast.platform.testing.LocalStack;
import nowcast.schemas.Topics;
import nowcast.schemas.registry.RegistryConfig;
import nowcast.schemas.registry.SchemaRegistryClient;
import nowcast.schemas.serde.NowcastSerdes;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The round trip every independent client goes through: Java writes two frames (a 64x64 composite, so
 * that its pixels travel Zstandard-compressed as the record says) and a forecast; the client reads and
 * decodes them to physical values, writes one frame with the registered schema (pixels uncompressed) and
 * one with a compatible v2 (new field with a default; the Python client compresses its pixels), and tries an
 * incompatible v3; Java then reads the client's frames with its (v1) reader.
 */
final class InteropScenario {

    static final Quantisation KNMI_LIKE = new Quantisation(RawType.UINT8, 0.5, -32.0, 255.0, 0.0, -32.0);
    static final float[] VALUES = {-32f, 0f, Float.NaN, 45.5f};
    static final int SIDE = 64;
    static final int LEADS = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    final LocalStack stack = LocalStack.shared();
    final String topic;
    final String forecastTopic;
    final float[] composite = composite();
    final Forecast forecast = forecast();

    InteropScenario(String client) {
        topic = stack.createTopic("interop-" + client, 1);
        forecastTopic = stack.createTopic("interop-" + client + "-forecasts", 1);
        try (var producer = new KafkaProducer<>(stack.clientConfig(), new StringSerializer(),
                NowcastSerdes.frames(stack.serdeConfig()).serializer())) {
            for (int i = 1; i <= 2; i++) {
                Frame f = new Frame("java-" + i, Instant.parse("2024-06-01T12:00:00Z").plusSeconds(300L * i),
                        Duration.ofMinutes(5), "java", PhysicalField.single(Quantity.REFLECTIVITY, SIDE, SIDE, composite),
                        KNMI_LIKE, null, null, Map.of());
                producer.send(new ProducerRecord<>(topic, f.sourceId(), f));
            }
        }
        try (var producer = new KafkaProducer<>(stack.clientConfig(), new StringSerializer(),
                NowcastSerdes.forecasts(stack.serdeConfig()).serializer())) {
            producer.send(new ProducerRecord<>(forecastTopic, forecast.sourceId(), forecast));
        }
    }

    /** Mostly "no echo" inside a disc, no data outside, a few echoes on the 0.5 dBZ grid of the codes. */
    private static float[] composite() {
        float[] v = new float[SIDE * SIDE];
        for (int r = 0; r < SIDE; r++) {
            for (int c = 0; c < SIDE; c++) {
                double d2 = Math.pow(r - SIDE / 2.0, 2) + Math.pow(c - SIDE / 2.0, 2);
                v[r * SIDE + c] = d2 > 30 * 30 ? Float.NaN : (r + c) % 9 == 0 ? 0.5f * ((r * 7 + c) % 140) : -32f;
            }
        }
        return v;
    }

    /** Three smooth float32 leads of a rain-rate field, as the predictor writes them. */
    private static Forecast forecast() {
        List<PhysicalField> leads = new ArrayList<>();
        for (int lead = 0; lead < LEADS; lead++) {
            float[] v = new float[SIDE * SIDE];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) Math.max(0, 8 * Math.sin((i % SIDE + lead) / 9.0) * Math.cos(i / SIDE / 11.0));
            }
            leads.add(PhysicalField.single(Quantity.RAIN_RATE, SIDE, SIDE, v));
        }
        Instant base = Instant.parse("2024-06-01T12:00:00Z");
        return new Forecast("java-forecast", base, List.of(base), List.of(),
                java.util.Collections.nCopies(LEADS, Duration.ofMinutes(5)), "java", leads, Quantisation.float32(), null,
                null, ModelIdentity.baseline("persistence"), new Timings(0, 0, 0, 1), base);
    }

    List<String> args() {
        return List.of(stack.bootstrapServers(), stack.registryUrl(), topic, "2", forecastTopic);
    }

    /** Runs a client to completion and answers its JSON output lines; fails with its output when it fails. */
    static List<JsonNode> run(List<String> command, Path workDir, Duration timeout, Map<String, String> env)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile("interop-", ".log");
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command + " did not finish within " + timeout + ":\n" + Files.readString(log));
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.delete(log);
        if (p.exitValue() != 0) {
            throw new AssertionError(command + " exited with " + p.exitValue() + ":\n" + output);
        }
        List<JsonNode> lines = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (line.startsWith("{")) {
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }

    /** What the client saw and did, checked against what Java wrote. */
    void verifyClientOutput(List<JsonNode> lines) {
        try {
            checkClientOutput(lines);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\nclient output:\n" + String.join("\n",
                    lines.stream().map(JsonNode::toString).toList()), e);
        }
    }

    private void checkClientOutput(List<JsonNode> lines) {
        SchemaRegistryClient client = new SchemaRegistryClient(RegistryConfig.of(stack.registryUrl()));
        int javaId = client.version(Topics.valueSubject(topic), 1).id();
        List<JsonNode> reads = lines.stream().filter(l -> l.path("event").asText().equals("read")).toList();
        assertThat(reads).hasSize(2);
        for (int i = 0; i < 2; i++) {
            JsonNode r = reads.get(i);
            assertThat(r.path("sourceId").asText()).isEqualTo("java-" + (i + 1));
            assertThat(r.path("key").asText()).isEqualTo("java-" + (i + 1));
            assertThat(r.path("schemaId").asInt()).isEqualTo(javaId);
            assertThat(r.path("offset").asLong()).isEqualTo(i);
            assertThat(r.path("observationTime").asLong())
                    .isEqualTo(Instant.parse("2024-06-01T12:00:00Z").plusSeconds(300L * (i + 1)).toEpochMilli());
            assertThat(r.path("compression").asText()).as("the codec named in the record").isEqualTo("ZSTD");
            assertThat(r.path("wireBytes").asInt()).as("compressed pixel bytes").isLessThan(SIDE * SIDE / 4);
            assertSameValues(r.path("values"), composite, "frame java-" + (i + 1));
        }
        JsonNode f = lines.stream().filter(l -> l.path("event").asText().equals("forecast")).findFirst()
                .orElseThrow(() -> new AssertionError("the client read no forecast: " + lines));
        assertThat(f.path("compression").asText()).isEqualTo("ZSTD");
        assertThat(f.path("leads").size()).isEqualTo(LEADS);
        for (int lead = 0; lead < LEADS; lead++) {
            assertSameValues(f.path("leads").get(lead), forecast.frames().get(lead).values(), "forecast lead " + lead);
        }
        JsonNode wrote = lines.stream().filter(l -> l.path("event").asText().equals("wrote")).findFirst()
                .orElseThrow(() -> new AssertionError("client did not write: " + lines));
        assertThat(wrote.path("ids").get(0).asInt()).as("client reuses the registered v1").isEqualTo(javaId);
        int v2Id = wrote.path("ids").get(1).asInt();
        assertThat(v2Id).isNotEqualTo(javaId);
        assertThat(client.versions(Topics.valueSubject(topic))).containsExactly(1, 2);
        assertThat(client.latest(Topics.valueSubject(topic)).id()).isEqualTo(v2Id);

        JsonNode incompatible = lines.stream().filter(l -> l.path("event").asText().equals("incompatible"))
                .findFirst().orElseThrow(() -> new AssertionError("no incompatible attempt: " + lines));
        assertThat(incompatible.path("accepted").asBoolean()).isFalse();
        assertThat(incompatible.path("status").asInt()).isEqualTo(409);
    }

    private static void assertSameValues(JsonNode values, float[] expected, String what) {
        assertThat(values.size()).as(what + ": number of values").isEqualTo(expected.length);
        for (int i = 0; i < expected.length; i++) {
            if (Float.isNaN(expected[i])) {
                assertThat(values.get(i).isNull()).as(what + "[" + i + "]: nodata decodes to null/NaN").isTrue();
            } else {
                assertThat((float) values.get(i).asDouble()).as(what + "[" + i + "]").isEqualTo(expected[i]);
            }
        }
    }

    /** Java's (v1) reader decodes the client's frames, including the one written with v2. */
    void verifyJavaReadsClientFrames(String client) {
        Map<String, Frame> frames = new HashMap<>();
        try (var consumer = new KafkaConsumer<>(stack.consumerConfig(), new StringDeserializer(),
                NowcastSerdes.frames(stack.serdeConfig()).deserializer())) {
            TopicPartition tp = new TopicPartition(topic, 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long deadline = System.currentTimeMillis() + 30_000;
            while (frames.size() < 4 && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> frames.put(r.key(), r.value()));
            }
        }
        assertThat(frames).containsKeys(client + "-1", client + "-2");
        for (String key : List.of(client + "-1", client + "-2")) {
            Frame f = frames.get(key);
            assertThat(f.sourceId()).isEqualTo(key);
            assertThat(f.product()).isEqualTo(client);
            assertThat(f.quantisation()).isEqualTo(KNMI_LIKE);
            assertThat(f.field().values()).containsExactly(VALUES);
            assertThat(f.cadence()).isEqualTo(Duration.ofMinutes(5));
            assertThat(f.attributes()).containsEntry("writer", client);
        }
    }
}
