package nowcast.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import nowcast.frame.PhysicalField;
import nowcast.frame.Quantity;
import org.junit.jupiter.api.Test;

class PersistenceNowcasterTest {

    private static InputWindow window(String source, int frames, float base) {
        List<PhysicalField> fields = new ArrayList<>();
        for (int t = 0; t < frames; t++) {
            float[] v = new float[6];
            for (int i = 0; i < v.length; i++) {
                v[i] = base + t * 10 + i;
            }
            v[5] = Float.NaN;
            fields.add(PhysicalField.single(Quantity.RAIN_RATE, 2, 3, v));
        }
        return new InputWindow(source, fields, Duration.ofMinutes(5));
    }

    @Test
    void everyPredictedFrameIsTheLastObservedFrameOfItsWindow() {
        try (Nowcaster n = Nowcasters.byName("persistence")) {
            List<List<PhysicalField>> out = n.predict(List.of(window("a", 10, 0f), window("b", 3, 100f)));
            assertThat(out).hasSize(2);
            assertThat(out.get(0)).hasSize(10);
            assertThat(out.get(1)).hasSize(10);
            for (PhysicalField f : out.get(0)) {
                assertThat(f.quantity()).isEqualTo(Quantity.RAIN_RATE);
                assertThat(f.values()).containsExactly(90f, 91f, 92f, 93f, 94f, Float.NaN);
            }
            assertThat(out.get(1).get(9).values()[0]).isEqualTo(120f);
        }
    }

    @Test
    void predictedFramesDoNotShareStorageWithTheInputOrEachOther() {
        InputWindow w = window("a", 2, 0f);
        List<PhysicalField> out = new PersistenceNowcaster(3).predict(List.of(w)).get(0);
        out.get(0).values()[0] = -1f;
        assertThat(out.get(1).values()[0]).isEqualTo(10f);
        assertThat(w.last().values()[0]).isEqualTo(10f);
    }

    @Test
    void outputFrameCountComesFromTheOptions() {
        Nowcaster n = Nowcasters.byName("PERSISTENCE", new NowcasterOptions(null, 4, null));
        assertThat(n.outputFrames()).isEqualTo(4);
        assertThat(n.predict(List.of(window("a", 1, 0f))).get(0)).hasSize(4);
        assertThat(n.identity().name()).isEqualTo("persistence");
    }

    @Test
    void anEmptyBatchGivesAnEmptyResult() {
        assertThat(new PersistenceNowcaster().predict(List.of())).isEmpty();
    }

    @Test
    void unknownNameListsTheKnownNames() {
        assertThatThrownBy(() -> Nowcasters.byName("magic", NowcasterOptions.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("magic")
                .hasMessageContaining("persistence");
    }
}
