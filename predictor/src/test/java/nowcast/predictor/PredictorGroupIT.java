package nowcast.predictor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nowcast.forecast.Forecast;
import nowcast.frame.Frame;
import nowcast.frame.PhysicalField;
import nowcast.frame.Quantisation;
import nowcast.frame.Quantity;
import nowcast.model.Nowcaster;
import nowcast.model.PersistenceNowcaster;
import nowcast.platform.testing.LocalStack;
import nowcast.schemas.Topics;
import nowcast.schemas.serde.NowcastSerdes;

/** Two predictor instances in one consumer group split the sources (partitions) and each forecast is made once. */
class PredictorGroupIT {

    private static final int PARTITIONS = 4;
    private static final int FRAMES_PER_SOURCE = 12;

    private final LocalStack stack = LocalStack.shared();

    @TempDir
    Path stateDir;

    @Test
    void twoInstancesSplitTheSources() throws Exception {
        Topics topics = stack.freshTopics(PARTITIONS);
        String applicationId = stack.freshTopic("predictor-group");
        List<String> sources = sourcesCoveringEveryPartition();
        int expected = sources.size() * (FRAMES_PER_SOURCE - 9);

        try (Nowcaster model = new PersistenceNowcaster();
             Predictor a = Predictor.start(PredictorStack.config(stack, topics, applicationId, stateDir.resolve("a"))
                     .build(), PredictorStack.serdes(stack), model, PARTITIONS);
             Predictor b = Predictor.start(PredictorStack.config(stack, topics, applicationId, stateDir.resolve("b"))
                     .build(), PredictorStack.serdes(stack), model, PARTITIONS);
             CommittedForecasts out = new CommittedForecasts(stack, topics.forecasts())) {
            awaitSplit(a, b);
            Set<Integer> partitionsOfA = a.framePartitions();
            Set<Integer> partitionsOfB = b.framePartitions();
            assertThat(partitionsOfA).doesNotContainAnyElementsOf(partitionsOfB);

            produce(topics.frames(), sources);
            out.until(l -> l.size() >= expected, Duration.ofSeconds(90));
            List<Forecast> forecasts = out.settle(Duration.ofSeconds(2));

            assertThat(forecasts).hasSize(expected);
            assertThat(forecasts.stream().map(f -> f.sourceId() + "@" + f.baseTime()).distinct()).hasSize(expected);
            double byA = a.metrics().count("nowcast.predictor.forecasts");
            double byB = b.metrics().count("nowcast.predictor.forecasts");
            assertThat(byA).isPositive();
            assertThat(byB).isPositive();
            assertThat(byA + byB).isEqualTo(expected);
            long expectedByA = forecasts.stream().filter(f -> partitionsOfA.contains(partitionOf(f.sourceId()))).count();
            assertThat(byA).isEqualTo(expectedByA);
        }
    }

    private static void awaitSplit(Predictor a, Predictor b) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            Set<Integer> all = new HashSet<>(a.framePartitions());
            all.addAll(b.framePartitions());
            if (!a.framePartitions().isEmpty() && !b.framePartitions().isEmpty() && all.size() == PARTITIONS
                    && a.framePartitions().size() + b.framePartitions().size() == PARTITIONS) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the two instances did not split the " + PARTITIONS + " partitions: "
                + a.framePartitions() + " / " + b.framePartitions());
    }

    /** Two source ids per partition of the frames topic, by the default partitioner's hash of the key. */
    private static List<String> sourcesCoveringEveryPartition() {
        Map<Integer, List<String>> byPartition = new HashMap<>();
        for (int i = 0; byPartition.values().stream().mapToInt(List::size).sum() < 2 * PARTITIONS; i++) {
            String id = "radar-" + i;
            List<String> ids = byPartition.computeIfAbsent(partitionOf(id), p -> new ArrayList<>());
            if (ids.size() < 2) {
                ids.add(id);
            }
        }
        return byPartition.values().stream().flatMap(List::stream).toList();
    }

    private static int partitionOf(String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
    }

    private void produce(String topic, List<String> sources) {
        Instant t0 = Instant.parse("2024-06-01T12:00:00Z");
        try (KafkaProducer<String, Frame> producer = new KafkaProducer<>(stack.clientConfig(), new StringSerializer(),
                NowcastSerdes.frames(stack.serdeConfig()).serializer())) {
            for (int k = 0; k < FRAMES_PER_SOURCE; k++) {
                for (String source : sources) {
                    float[] values = new float[128 * 128];
                    Arrays.fill(values, k);
                    Frame f = new Frame(source, t0.plus(Duration.ofMinutes(5L * k)), Duration.ofMinutes(5), "synthetic",
                            PhysicalField.single(Quantity.RAIN_RATE, 128, 128, values), Quantisation.float32(), null,
                            null, null);
                    producer.send(new ProducerRecord<>(topic, source, f));
                }
            }
        }
    }
}
