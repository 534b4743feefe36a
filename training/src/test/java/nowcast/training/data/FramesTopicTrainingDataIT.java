package nowcast.training.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import nowcast.frame.Frame;
import nowcast.frame.PhysicalField;
import nowcast.frame.Quantisation;
import nowcast.frame.Quantity;
import nowcast.platform.testing.LocalStack;
import nowcast.schemas.serde.NowcastSerdes;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** Training windows from a replay of a real frames topic on the in-process broker and registry. */
class FramesTopicTrainingDataIT {

    private static final Instant T0 = Instant.parse("2024-06-01T12:00:00Z");
    private static final Duration CADENCE = Duration.ofMinutes(5);
    private final LocalStack stack = LocalStack.shared();

    private static Frame frame(String source, int t, float offset) {
        float[] v = new float[256 * 256];
        for (int i = 0; i < v.length; i++) {
            v[i] = offset + t + (i / 256) / 256f;
        }
        return new Frame(source, T0.plus(CADENCE.multipliedBy(t)), CADENCE, "rain-rate",
                new PhysicalField(Quantity.RAIN_RATE, 256, 256, 1, v), Quantisation.float32(), null, null, Map.of());
    }

    @Test
    void replaysEverySourceKeepsTheLastCopyOfARepeatedFrameAndSkipsRecordsThatAreNotFrames() throws Exception {
        String topic = stack.createTopic("frames", 2);
        try (KafkaProducer<String, Frame> frames = new KafkaProducer<>(Map.copyOf(stack.clientConfig()), new StringSerializer(),
                NowcastSerdes.frames(stack.serdeConfig()).serializer());
             KafkaProducer<String, byte[]> raw = new KafkaProducer<>(Map.copyOf(stack.clientConfig()), new StringSerializer(),
                     new ByteArraySerializer())) {
            for (int t = 0; t < 26; t++) {
                frames.send(new ProducerRecord<>(topic, "radar-a", frame("radar-a", t, t == 3 ? 100 : 0)));
            }
            // the frame of t = 3 again, corrected: the later copy is the one to train on
            frames.send(new ProducerRecord<>(topic, "radar-a", frame("radar-a", 3, 0)));
            for (int t = 0; t < 31; t++) {
                if (t != 10) { // a missing frame splits radar-b into 10 and 20 frames
                    frames.send(new ProducerRecord<>(topic, "radar-b", frame("radar-b", t, 50)));
                }
            }
            // Confluent framing with a schema id the registry never issued
            raw.send(new ProducerRecord<>(topic, "radar-a", new byte[] {0, 0, 0, 0x7f, (byte) 0xff, 1, 2, 3}));
            frames.flush();
            raw.flush();
        }

        FrameTopicReplay.Result replay = FrameTopicReplay.read(stack.clientConfig(), topic, Duration.ofMinutes(2));
        assertThat(replay.records()).isEqualTo(26 + 1 + 30 + 1);
        assertThat(replay.bySource().keySet()).containsExactly("radar-a", "radar-b");
        assertThat(replay.bySource().get("radar-a")).hasSize(27);
        assertThat(replay.bySource().get("radar-b")).hasSize(30);
        assertThat(replay.skipped()).hasSize(1);
        assertThat(replay.skipped().get(0)).startsWith(topic + "-").contains("@");
        Frame first = replay.bySource().get("radar-a").stream().filter(f -> f.time().equals(T0)).findFirst().orElseThrow();
        assertThat(first.field().values()).containsExactly(frame("radar-a", 0, 0).field().values());

        TrainingData.Options options = new TrainingData.Options(10, 10, 3, 128, 2, 1, 0.0, 0, false, 0.5);
        TrainingData.FramesTopic source = new TrainingData.FramesTopic(stack.clientConfig(), topic, 2, null, 0, Duration.ofMinutes(2));
        TrainingData data = TrainingData.build(List.of(), List.of(source), List.of(), options, FieldScaler.radarDefault());
        JsonNode radar = data.description().get("radar");
        assertThat(radar).hasSize(2);
        assertThat(radar.get(0).get("source").asText()).isEqualTo("radar-a");
        assertThat(radar.get(0).get("sequences").asInt()).as("the repeated frame does not break the sequence").isEqualTo(1);
        assertThat(radar.get(0).get("train_windows").asInt()).isEqualTo(26 - 20 + 1);
        assertThat(radar.get(1).get("sequences").asInt()).isEqualTo(2);
        assertThat(radar.get(1).get("train_windows").asInt()).isEqualTo(1);
        assertThat(data.train().windowCount()).isEqualTo(8);
        assertThat(data.description().get("topics").get(0).get("skipped_records").asInt()).isEqualTo(1);

        // the corrected copy of t = 3 is what the windows hold: every pixel of radar-a at t = 3 is below 100 mm/h
        List<FrameSequence> sequences = RadarSequences.fromFrames(replay.bySource().get("radar-a"), "radar-a", 128, 2, null, 0, 0.5,
                FieldScaler.radarDefault());
        List<FrameSequence> expected = RadarSequences.fromFrames(
                java.util.stream.IntStream.range(0, 26).mapToObj(t -> frame("radar-a", t, 0)).toList(), "expected", 128, 2, null, 0, 0.5,
                FieldScaler.radarDefault());
        assertThat(sequences.get(0).fields().get(3)).containsExactly(expected.get(0).fields().get(3));
    }

    @Test
    void aMissingTopicIsNamed() {
        String topic = stack.freshTopic("absent");
        assertThatThrownBy(() -> FrameTopicReplay.read(stack.clientConfig(), topic, Duration.ofSeconds(5)))
                .hasMessageContaining(topic);
    }
}
