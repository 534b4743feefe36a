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
import nowcast.frame.Frame;
import nowcast.frame.PhysicalField;
import nowcast.frame.Quantisation;
import nowcast.frame.Quantity;
import nowcast.frame.RawType;
import nowcast.platform.LocalStack;
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
 * The round trip every independent client goes through: Java writes two frames; the client reads
 * and decodes them to physical values, writes one frame with the registered schema and one with a
 * compatible v2 (new field with a default), and tries an incompatible v3; Java then reads the
 * client's frames with its (v1) reader.
 */
final class InteropScenario {

    static final Quantisation KNMI_LIKE = new Quantisation(RawType.UINT8, 0.5, -32.0, 255.0, 0.0, -32.0);
    static final float[] VALUES = {-32f, 0f, Float.NaN, 45.5f};
    private static final ObjectMapper JSON = new ObjectMapper();

    final LocalStack stack = LocalStack.shared();
    final String topic;

    InteropScenario(String client) {
        topic = stack.createTopic("interop-" + client, 1);
        try (var producer = new KafkaProducer<>(stack.clientConfig(), new StringSerializer(),
                NowcastSerdes.frames(stack.serdeConfig()).serializer())) {
            for (int i = 1; i <= 2; i++) {
                Frame f = new Frame("java-" + i, Instant.parse("2024-06-01T12:00:00Z").plusSeconds(300L * i),
                        Duration.ofMinutes(5), "java", PhysicalField.single(Quantity.REFLECTIVITY, 2, 2, VALUES),
                        KNMI_LIKE, null, null, Map.of());
                producer.send(new ProducerRecord<>(topic, f.sourceId(), f));
            }
        }
    }

    List<String> args() {
        return List.of(stack.bootstrapServers(), stack.registryUrl(), topic, "2");
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
            JsonNode values = r.path("values");
            assertThat(values.get(0).asDouble()).isEqualTo(-32.0);
            assertThat(values.get(1).asDouble()).isEqualTo(0.0);
            assertThat(values.get(2).isNull()).as("nodata decodes to null/NaN").isTrue();
            assertThat(values.get(3).asDouble()).isEqualTo(45.5);
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
