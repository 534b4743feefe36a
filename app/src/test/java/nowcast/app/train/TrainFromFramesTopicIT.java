package nowcast.app.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import nowcast.app.CommandRun;
import nowcast.frame.Frame;
import nowcast.frame.PhysicalField;
import nowcast.frame.Quantisation;
import nowcast.frame.Quantity;
import nowcast.model.gs2pm.Gs2pmArtifact;
import nowcast.platform.testing.LocalStack;
import nowcast.schemas.serde.NowcastSerdes;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nowcast train pretrain --frames-topic}: a residual network trained on what a frames topic holds. */
class TrainFromFramesTopicIT {

    private final LocalStack stack = LocalStack.shared();

    @TempDir
    Path tmp;

    @Test
    void trainsOnEveryFrameTheTopicHolds() throws Exception {
        String topic = stack.createTopic("frames", 1);
        Instant t0 = Instant.parse("2024-06-01T12:00:00Z");
        try (KafkaProducer<String, Frame> producer = new KafkaProducer<>(Map.copyOf(stack.clientConfig()), new StringSerializer(),
                NowcastSerdes.frames(stack.serdeConfig()).serializer())) {
            for (int t = 0; t < 22; t++) {
                float[] v = new float[128 * 128];
                for (int i = 0; i < v.length; i++) {
                    int row = i / 128;
                    int col = i % 128;
                    v[i] = Math.abs(row - 40 - t) < 12 && Math.abs(col - 50 - t) < 12 ? 8f : 0f;
                }
                producer.send(new ProducerRecord<>(topic, "radar", new Frame("radar", t0.plus(Duration.ofMinutes(5L * t)), Duration.ofMinutes(5),
                        "rain-rate", PhysicalField.single(Quantity.RAIN_RATE, 128, 128, v), Quantisation.float32(), null, null, Map.of())));
            }
        }
        Path out = tmp.resolve("run");
        CommandRun noBroker = CommandRun.of("train", "pretrain", "--hid-s", "4", "--hid-t", "16", "--n-t", "2", "--frames-topic", topic,
                "--steps", "1", "--output", out.toString());
        assertThat(noBroker.code()).isNotZero();
        assertThat(noBroker.err()).contains("--frames-topic needs --bootstrap and --registry");

        CommandRun r = CommandRun.of("train", "pretrain", "--residual", "--prediction-only", "--hid-s", "4", "--hid-t", "16", "--n-s", "4",
                "--n-t", "2", "--frames-topic", topic, "--bootstrap", stack.bootstrapServers(), "--registry", stack.registryUrl(),
                "--block", "1", "--validation-fraction", "0", "--batch-size", "1", "--steps", "2", "--threads", "1", "--output", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("scratch: 2 steps");
        Gs2pmArtifact artifact = Gs2pmArtifact.open(out.resolve("final"));
        assertThat(artifact.config().network().residual()).isTrue();
        JsonNode data = new ObjectMapper().readTree(Files.readString(out.resolve("final/training.json"))).get("data");
        assertThat(data.get("radar").get(0).get("topic").asText()).isEqualTo(topic);
        assertThat(data.get("radar").get(0).get("train_windows").asInt()).isEqualTo(22 - 20 + 1);
        assertThat(data.get("topics").get(0).get("records").asInt()).isEqualTo(22);
    }
}
