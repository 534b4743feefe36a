package nowcast.training.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import nowcast.frame.Quantity;

class WindowDatasetTest {

    private static final int SIDE = 4;
    private static final Duration FIVE_MIN = Duration.ofMinutes(5);
    private static final Instant T0 = Instant.parse("2010-08-26T00:00:00Z");

    /** Frame i holds the value i everywhere, so a window's frames tell where they came from. */
    private static FrameSequence numbered(String id, int n, int gapAfter) {
        List<Instant> times = new ArrayList<>();
        List<float[]> fields = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            times.add(T0.plus(FIVE_MIN.multipliedBy(i + (gapAfter >= 0 && i > gapAfter ? 3 : 0))));
            float[] f = new float[SIDE * SIDE];
            Arrays.fill(f, i);
            fields.add(f);
        }
        return new FrameSequence(id, Quantity.REFLECTIVITY, FIVE_MIN, times, fields, SIDE);
    }

    @Test
    void aGapInTimeSplitsASequence() {
        FrameSequence s = numbered("a", 30, 11);
        List<FrameSequence> runs = RadarSequences.gapFree("a", Quantity.RAIN_RATE, FIVE_MIN, s.times(), s.fields(), SIDE);
        assertThat(runs).extracting(FrameSequence::length).containsExactly(12, 18);
    }

    @Test
    void validationWindowsShareNoFrameWithTrainingWindowsAndAreLaterInTime() {
        TimeSplit split = TimeSplit.of(List.of(numbered("a", 60, -1)), 0.4, 4);
        SequenceWindows train = new SequenceWindows("train", split.train(), 4, SIDE);
        SequenceWindows validation = new SequenceWindows("validation", split.validation(), 4, SIDE);
        assertThat(train.size()).isEqualTo(36 - 3);
        assertThat(validation.size()).isEqualTo(24 - 3);
        Set<Float> trainFrames = new HashSet<>();
        for (int i = 0; i < train.size(); i++) {
            for (float[] f : train.window(i)) {
                trainFrames.add(f[0]);
            }
        }
        for (int i = 0; i < validation.size(); i++) {
            for (float[] f : validation.window(i)) {
                assertThat(trainFrames).doesNotContain(f[0]);
                assertThat(f[0]).isGreaterThan(trainFrames.stream().max(Float::compare).orElseThrow());
            }
        }
    }

    @Test
    void batchesAreReproducibleFromTheSeedAndEachEpochVisitsEveryWindowOnce() {
        SequenceWindows windows = new SequenceWindows("w", List.of(numbered("a", 13, -1)), 4, SIDE); // 10 windows
        WindowBatches a = new WindowBatches(List.of(windows), 5, 2, 2, 3, 11, true, true, FieldScaler.radarDefault());
        WindowBatches b = new WindowBatches(List.of(windows), 5, 2, 2, 3, 11, true, true, FieldScaler.radarDefault());
        WindowBatches other = new WindowBatches(List.of(windows), 5, 2, 2, 3, 12, true, true, FieldScaler.radarDefault());
        assertThat(a.batch(3).input()).containsExactly(b.batch(3).input());
        assertThat(a.batch(0).input()).isNotEqualTo(other.batch(0).input());
        Set<Float> firstFrames = new HashSet<>();
        for (int step = 0; step < 2; step++) {
            Batch batch = a.batch(step);
            int perSample = 2 * 3 * SIDE * SIDE;
            for (int j = 0; j < 5; j++) {
                firstFrames.add(batch.input()[j * perSample]);
                // target follows the input in time (2 frames = 2 dBZ = 2/70 on the model scale) and every channel is the same field
                assertThat(batch.target()[j * perSample]).isCloseTo(batch.input()[j * perSample] + 2 / 70f, within(1e-6f));
                assertThat(batch.input()[j * perSample + SIDE * SIDE]).isEqualTo(batch.input()[j * perSample]);
            }
        }
        assertThat(firstFrames).hasSize(10);
    }

    @Test
    void flipsAndRotationsPermuteThePixels() {
        float[] f = new float[SIDE * SIDE];
        for (int i = 0; i < f.length; i++) {
            f[i] = i;
        }
        Set<String> distinct = new HashSet<>();
        for (int t = 0; t < 8; t++) {
            float[] g = Dihedral.apply(f, SIDE, t);
            float[] sorted = g.clone();
            Arrays.sort(sorted);
            assertThat(sorted).containsExactly(f);
            distinct.add(Arrays.toString(g));
        }
        assertThat(distinct).hasSize(8);
        // rotation by 90 degrees four times is the identity
        float[] g = f;
        for (int k = 0; k < 4; k++) {
            g = Dihedral.apply(g, SIDE, 1);
        }
        assertThat(g).containsExactly(f);
    }

    @Test
    void tooShortSequencesAreRefusedWithTheSourceNamed() {
        SequenceWindows none = new SequenceWindows("short", List.of(numbered("a", 3, -1)), 4, SIDE);
        assertThatThrownBy(() -> new WindowBatches(List.of(none), 2, 2, 2, 3, 1, true, false, FieldScaler.radarDefault()))
                .hasMessageContaining("short: 0 windows");
    }

    @Test
    void syntheticStormsAreDeterministicAndRainy() {
        SyntheticStormWindows storms = new SyntheticStormWindows(3, 4, 128, 5);
        float[][] w = storms.window(2);
        assertThat(w).hasNumberOfRows(4);
        assertThat(w[3]).containsExactly(storms.window(2)[3]);
        assertThat(w[0]).isNotEqualTo(storms.window(1)[0]);
        double max = 0;
        for (float v : w[0]) {
            assertThat(v).as("mm/h").isBetween(0f, 1000f);
            max = Math.max(max, v);
        }
        assertThat(max).as("peak mm/h").isGreaterThan(1);
    }
}
