package nowcast.predictor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.IntStream;

import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.internals.WrappedStateStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import nowcast.avro.DeadLetter;
import nowcast.forecast.Forecast;
import nowcast.frame.Frame;
import nowcast.frame.GeoReference;
import nowcast.frame.PhysicalField;
import nowcast.frame.Quantisation;
import nowcast.frame.Quantity;
import nowcast.predictor.grid.GridRule;
import nowcast.predictor.metrics.PredictorMetrics;
import nowcast.predictor.window.FrameKey;
import nowcast.predictor.window.WindowStateFixtures;

class PredictorTopologyTest {

    private static final Instant T0 = Instant.parse("2024-06-01T12:00:00Z");
    private static final Duration FIVE_MIN = Duration.ofMinutes(5);

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, Frame> frames;
    private TestInputTopic<String, byte[]> rawFrames;
    private TestOutputTopic<String, Forecast> forecasts;
    private TestOutputTopic<String, DeadLetter> deadLetters;
    private PredictorMetrics metrics;
    private RecordingNowcaster nowcaster;

    private void start(PredictorConfig.Builder config, RecordingNowcaster model) {
        PredictorConfig c = config.stateDir(stateDir).build();
        InMemoryRefSerde<Frame> frameSerde = new InMemoryRefSerde<>();
        InMemoryRefSerde<Forecast> forecastSerde = new InMemoryRefSerde<>();
        InMemoryRefSerde<DeadLetter> deadLetterSerde = new InMemoryRefSerde<>();
        metrics = new PredictorMetrics(new SimpleMeterRegistry());
        nowcaster = model;
        PredictorTopology topology = new PredictorTopology(c,
                new PredictorSerdes(frameSerde, forecastSerde, deadLetterSerde), model, metrics);
        Properties props = c.streamsProperties();
        driver = new TopologyTestDriver(topology.build(), props, T0);
        frames = driver.createInputTopic(c.framesTopic(), new StringSerializer(), frameSerde.serializer());
        rawFrames = driver.createInputTopic(c.framesTopic(), new StringSerializer(), new ByteArraySerializer());
        forecasts = driver.createOutputTopic(c.forecastsTopic(), new StringDeserializer(),
                forecastSerde.deserializer());
        deadLetters = driver.createOutputTopic(c.deadLetterTopic(), new StringDeserializer(),
                deadLetterSerde.deserializer());
    }

    private void start() {
        start(PredictorConfig.builder("unused:9092"), new RecordingNowcaster());
    }

    @AfterEach
    void close() {
        if (driver != null) {
            driver.close();
        }
    }

    /** A 256x256 rain-rate frame whose every pixel equals its minute, so outputs show which frame they came from. */
    static Frame frame(String source, int minute, Duration cadence, int size) {
        float[] values = new float[size * size];
        Arrays.fill(values, minute);
        return new Frame(source, T0.plus(Duration.ofMinutes(minute)), cadence, "test-product",
                PhysicalField.single(Quantity.RAIN_RATE, size, size, values), Quantisation.float32(),
                new GeoReference("+proj=stere", 0, 0, 256_000, 256_000, 1000, 1000, "m", null), null, null);
    }

    private void send(String source, int... minutes) {
        for (int m : minutes) {
            frames.pipeInput(source, frame(source, m, FIVE_MIN, 256));
        }
    }

    private static int[] everyFive(int from, int to) {
        return IntStream.iterate(from, m -> m <= to, m -> m + 5).toArray();
    }

    private List<Forecast> drain() {
        driver.advanceWallClockTime(Duration.ofSeconds(1));
        return forecasts.readValuesToList();
    }

    private static List<Instant> minutes(int... minutes) {
        return Arrays.stream(minutes).mapToObj(m -> T0.plus(Duration.ofMinutes(m))).toList();
    }

    @Test
    void inOrderFramesGiveOneForecastPerCompleteWindow() {
        start();
        send("a", everyFive(0, 55));
        List<Forecast> out = drain();

        assertThat(out).extracting(Forecast::baseTime).containsExactlyElementsOf(minutes(45, 50, 55));
        Forecast first = out.get(0);
        assertThat(first.inputTimes()).containsExactlyElementsOf(minutes(everyFive(0, 45)));
        assertThat(first.leadTimes()).hasSize(10).first().isEqualTo(FIVE_MIN);
        assertThat(first.leadTimes().get(9)).isEqualTo(Duration.ofMinutes(50));
        assertThat(first.frames().get(0).rows()).isEqualTo(128);
        assertThat(first.frames().get(0).get(5, 5)).isEqualTo(45f);
        assertThat(first.gridMapping().blockSize()).isEqualTo(2);
        assertThat(first.geo().pixelSizeX()).isEqualTo(2000);
        assertThat(first.interpolatedInputs()).isEmpty();
        assertThat(first.timings().batchSize()).isGreaterThanOrEqualTo(1);
        assertThat(metrics.count("nowcast.predictor.forecasts")).isEqualTo(3);
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void duplicatesAreIgnored() {
        start();
        send("a", everyFive(0, 45));
        send("a", 20, 45);
        assertThat(drain()).hasSize(1);
        assertThat(metrics.count("nowcast.predictor.frames.duplicate")).isEqualTo(2);
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void lateMiddleFrameCompletesItsWindowOnce() {
        start();
        send("a", 0, 5, 10, 15, 25, 30, 35, 40, 45);
        assertThat(drain()).isEmpty();
        send("a", 20);
        send("a", 20);
        List<Forecast> out = drain();
        assertThat(out).extracting(Forecast::baseTime).containsExactly(T0.plus(Duration.ofMinutes(45)));
        assertThat(out.get(0).inputTimes()).containsExactlyElementsOf(minutes(everyFive(0, 45)));
    }

    @Test
    void swappedNeighboursStillGiveEveryWindow() {
        start();
        send("a", everyFive(0, 40));
        send("a", 50, 45, 55);
        assertThat(drain()).extracting(Forecast::baseTime).containsExactlyInAnyOrderElementsOf(minutes(45, 50, 55));
    }

    @Test
    void framesOlderThanTheWindowSpanAreLateDeadLetters() {
        start();
        send("a", 0);
        send("a", everyFive(10, 100));
        send("a", 5);
        drain();
        assertThat(metrics.count("nowcast.predictor.frames.late")).isEqualTo(1);
        List<DeadLetter> letters = deadLetters.readValuesToList();
        assertThat(letters).hasSize(1);
        assertThat(letters.get(0).getStage()).isEqualTo("window");
        assertThat(letters.get(0).getReason()).contains("late frame").contains("older than the window span");
        assertThat(letters.get(0).getTopic()).isEqualTo("nowcast.frames");
        assertThat(letters.get(0).getOffset()).isEqualTo(20L);
    }

    @Test
    void aGapStopsForecastsUntilTheWindowIsWholeAgain() {
        start();
        send("a", everyFive(0, 45));
        send("a", everyFive(55, 100));
        List<Forecast> out = drain();
        assertThat(out).extracting(Forecast::baseTime).containsExactlyElementsOf(minutes(45, 100));
        assertThat(metrics.count("nowcast.predictor.gaps")).isEqualTo(1);
    }

    @Test
    void aSingleMissingFrameIsInterpolatedWhenAllowedAndFlagged() {
        start(PredictorConfig.builder("unused:9092").fillSingleGap(true), new RecordingNowcaster());
        send("a", everyFive(0, 45));
        send("a", everyFive(55, 100));
        List<Forecast> out = drain();
        assertThat(out).extracting(Forecast::baseTime).containsExactlyElementsOf(minutes(everyFive(45, 100)));
        Forecast withFill = out.get(2); // base 55: inputs 10..55 include the filled 50
        assertThat(withFill.interpolatedInputs()).containsExactly(T0.plus(Duration.ofMinutes(50)));
        assertThat(out.get(0).interpolatedInputs()).isEmpty();
        assertThat(out.get(out.size() - 1).interpolatedInputs()).isEmpty();
        assertThat(metrics.count("nowcast.predictor.frames.interpolated")).isEqualTo(1);

        send("a", 50); // the observed frame replaces the fill but forecasts nothing again
        assertThat(drain()).isEmpty();
    }

    @Test
    void aCadenceChangeRestartsTheWindowAtTheNewCadence() {
        start();
        send("a", everyFive(0, 45));
        for (int m = 55; m <= 145; m += 10) {
            frames.pipeInput("a", frame("a", m, Duration.ofMinutes(10), 256));
        }
        List<Forecast> out = drain();
        assertThat(out).extracting(Forecast::baseTime).containsExactlyElementsOf(minutes(45, 145));
        assertThat(out.get(1).leadTimes().get(0)).isEqualTo(Duration.ofMinutes(10));
        assertThat(out.get(1).inputTimes().get(0)).isEqualTo(T0.plus(Duration.ofMinutes(55)));
        assertThat(metrics.count("nowcast.predictor.window.resets")).isEqualTo(1);
    }

    @Test
    void sourcesAreIndependentAndBatchedTogether() {
        start(PredictorConfig.builder("unused:9092").maxBatch(8).maxWait(Duration.ofMillis(500)),
                new RecordingNowcaster());
        for (int m : everyFive(0, 45)) {
            send("a", m);
            if (m != 20) {
                send("b", m);
            }
            send("c", m);
        }
        List<Forecast> out = drain();
        assertThat(out).extracting(Forecast::sourceId).containsExactlyInAnyOrder("a", "c");
        assertThat(nowcaster.batchSizes).containsExactly(2);
        assertThat(out).allSatisfy(f -> assertThat(f.timings().batchSize()).isEqualTo(2));
    }

    @Test
    void aFullBatchRunsWithoutWaitingAndBatchesAreBounded() {
        start(PredictorConfig.builder("unused:9092").maxBatch(2).maxWait(Duration.ofHours(1)),
                new RecordingNowcaster());
        for (int m : everyFive(0, 45)) {
            send("a", m);
            send("b", m);
            send("c", m);
        }
        assertThat(forecasts.readValuesToList()).extracting(Forecast::sourceId).containsExactlyInAnyOrder("a", "b");
        assertThat(nowcaster.batchSizes).containsExactly(2);
        driver.advanceWallClockTime(Duration.ofHours(2));
        assertThat(forecasts.readValuesToList()).extracting(Forecast::sourceId).containsExactly("c");
        assertThat(nowcaster.batchSizes).containsExactly(2, 1);
    }

    @Test
    void undecodableRecordsBecomeDeadLettersAndProcessingContinues() {
        start();
        rawFrames.pipeInput("a", new byte[] {1, 2, 3});
        send("a", everyFive(0, 45));
        assertThat(drain()).hasSize(1);
        DeadLetter letter = deadLetters.readValue();
        assertThat(letter.getStage()).isEqualTo("decode");
        assertThat(letter.getReason()).contains("is not a frame");
        assertThat(letter.getOriginalValue().array()).containsExactly(1, 2, 3);
        assertThat(letter.getOffset()).isEqualTo(0L);
    }

    @Test
    void invalidFramesBecomeDeadLetters() {
        start();
        frames.pipeInput("a", frame("a", 0, FIVE_MIN, 64)); // smaller than the model grid
        frames.pipeInput("wrong-key", frame("a", 5, FIVE_MIN, 256));
        Frame infinite = frame("a", 10, FIVE_MIN, 256);
        infinite.field().values()[7] = Float.POSITIVE_INFINITY;
        frames.pipeInput("a", infinite);
        frames.pipeInput("a", frame("a", 3 * 24 * 60, FIVE_MIN, 256)); // three days ahead of the clock
        List<DeadLetter> letters = deadLetters.readValuesToList();
        assertThat(letters).extracting(DeadLetter::getStage).containsOnly("window");
        assertThat(letters.get(0).getReason()).contains("cannot map its 64x64 grid");
        assertThat(letters.get(1).getReason()).contains("record key 'wrong-key'");
        assertThat(letters.get(2).getReason()).contains("pixel 7");
        assertThat(letters.get(3).getReason()).contains("ahead of the clock");
        send("a", everyFive(0, 45)); // the window is untouched by the rejected frames
        assertThat(drain()).hasSize(1);
    }

    @Test
    void nowcasterFailuresBecomeDeadLettersWithoutHurtingBatchMates() {
        start(PredictorConfig.builder("unused:9092"), new RecordingNowcaster(Set.of("bad")));
        for (int m : everyFive(0, 45)) {
            send("good", m);
            send("bad", m);
        }
        List<Forecast> out = drain();
        assertThat(out).extracting(Forecast::sourceId).containsExactly("good");
        DeadLetter letter = deadLetters.readValue();
        assertThat(letter.getStage()).isEqualTo("nowcast");
        assertThat(letter.getReason()).contains("model cannot handle source bad");
        assertThat(letter.getSourceId()).isEqualTo("bad");
    }

    @Test
    void anExplicitGridRuleCropsTheSourceGrid() {
        start(PredictorConfig.builder("unused:9092").gridRule("a", GridRule.parse("100,50,1")),
                new RecordingNowcaster());
        send("a", everyFive(0, 45));
        Forecast f = drain().get(0);
        assertThat(f.gridMapping().cropRow()).isEqualTo(100);
        assertThat(f.gridMapping().cropCol()).isEqualTo(50);
        assertThat(f.gridMapping().blockSize()).isEqualTo(1);
        assertThat(f.geo().xMin()).isEqualTo(50_000);
        assertThat(f.geo().yMax()).isEqualTo(156_000);
    }

    /**
     * A predictor upgraded in place: its stores hold the fields of frames 0..40 and their window in the
     * pre-Avro layout (as the old build wrote it, fixture v1-topology-a-0-40.hex). The next frame
     * completes the restored window, and the window is written back in Avro.
     */
    @Test
    void windowStateInThePreAvroLayoutIsKeptAndRewrittenInAvro() {
        start();
        KeyValueStore<Bytes, PhysicalField> fields = driver.getKeyValueStore(PredictorTopology.FRAME_STORE);
        for (int m : everyFive(0, 40)) {
            float[] values = new float[128 * 128];
            Arrays.fill(values, m);
            fields.put(FrameKey.of("a", T0.plus(Duration.ofMinutes(m)).toEpochMilli()),
                    PhysicalField.single(Quantity.RAIN_RATE, 128, 128, values));
        }
        KeyValueStore<Bytes, byte[]> windows = innermost(driver.getAllStateStores().get(PredictorTopology.WINDOW_STORE));
        Bytes key = Bytes.wrap("a".getBytes(StandardCharsets.UTF_8));
        windows.put(key, WindowStateFixtures.fixture("v1-topology-a-0-40.hex"));

        send("a", 45);
        List<Forecast> out = drain();

        assertThat(out).extracting(Forecast::baseTime).containsExactlyElementsOf(minutes(45));
        assertThat(out.get(0).inputTimes()).containsExactlyElementsOf(minutes(everyFive(0, 45)));
        assertThat(out.get(0).geo().pixelSizeX()).isEqualTo(2000);
        assertThat(deadLetters.isEmpty()).isTrue();
        assertThat(windows.get(key)).startsWith(0xC3, 0x01);
        send("a", 50);
        assertThat(drain()).extracting(Forecast::baseTime).containsExactlyElementsOf(minutes(50));
    }

    /** The bytes store under the metering and change-logging layers, where RocksDB keeps the values as written. */
    @SuppressWarnings("unchecked")
    private static KeyValueStore<Bytes, byte[]> innermost(StateStore store) {
        StateStore inner = store;
        while (inner instanceof WrappedStateStore<?, ?, ?> wrapped) {
            inner = wrapped.wrapped();
        }
        return (KeyValueStore<Bytes, byte[]>) inner;
    }
}
