package nowcast.predictor.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import nowcast.frame.GridMapping;

class WindowPolicyTest {

    private static final long CADENCE = 300_000;
    private static final GridMapping MAPPING = GridMapping.identity(128, 128);

    private SourceWindow state;

    private Admission admit(WindowPolicy policy, long time) {
        Admission a = policy.admit(state, "s", time, CADENCE, "p", MAPPING, null, 0, 0);
        if (a.next() != null) {
            state = a.next();
        }
        return a;
    }

    @Test
    void framesJitteringWithinTheToleranceStillFormAWindow() {
        WindowPolicy policy = new WindowPolicy(4, 0.1, false);
        admit(policy, 0);
        admit(policy, CADENCE + 20_000);
        admit(policy, 2 * CADENCE - 25_000);
        Admission last = admit(policy, 3 * CADENCE);
        assertThat(last.completed()).hasSize(1);
        assertThat(last.completed().get(0).inputTimesMillis()).containsExactly(0L, CADENCE + 20_000,
                2 * CADENCE - 25_000, 3 * CADENCE);
    }

    @Test
    void aFrameBeyondTheToleranceIsNotPartOfTheWindow() {
        WindowPolicy policy = new WindowPolicy(3, 0.1, false);
        admit(policy, 0);
        admit(policy, CADENCE + 40_000);
        assertThat(admit(policy, 2 * CADENCE).completed()).isEmpty();
    }

    @Test
    void aFrameNearAHeldOneIsADuplicate() {
        WindowPolicy policy = new WindowPolicy(3, 0.1, false);
        admit(policy, 0);
        assertThat(admit(policy, 10_000).kind()).isEqualTo(Admission.Kind.DUPLICATE);
    }

    @Test
    void stateIsBoundedToTwoWindowSpans() {
        WindowPolicy policy = new WindowPolicy(10, 0.1, false);
        for (int i = 0; i < 100; i++) {
            Admission a = admit(policy, i * CADENCE);
            state = a.next().withPending(List.of()); // as if every forecast was emitted
        }
        assertThat(state.slots()).hasSize(19);
        assertThat(state.slots().get(0).timeMillis()).isEqualTo(81 * CADENCE);
    }

    @Test
    void evictedFramesStillNeededByAPendingWindowAreKept() {
        WindowPolicy policy = new WindowPolicy(2, 0.1, false);
        admit(policy, 0);
        Admission first = admit(policy, CADENCE);
        assertThat(first.completed()).hasSize(1);
        // A cadence change resets the window; the pending window still needs frames 0 and CADENCE.
        Admission reset = policy.admit(state, "s", 10 * CADENCE, 2 * CADENCE, "p", MAPPING, null, 0, 0);
        assertThat(reset.reset()).isTrue();
        assertThat(reset.reason()).contains("cadence changed");
        assertThat(reset.evictedMillis()).isEmpty();
        assertThat(reset.next().pending()).hasSize(1);
    }

    @Test
    void badSettingsAreRejected() {
        assertThatThrownBy(() -> new WindowPolicy(0, 0.1, false)).hasMessageContaining("window length");
        assertThatThrownBy(() -> new WindowPolicy(10, 0.6, false)).hasMessageContaining("cadence tolerance");
    }
}
