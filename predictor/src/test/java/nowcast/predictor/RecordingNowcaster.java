package nowcast.predictor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import nowcast.forecast.ModelIdentity;
import nowcast.frame.PhysicalField;
import nowcast.model.InputWindow;
import nowcast.model.Nowcaster;

/**
 * Test nowcaster: repeats each window's last field (persistence) and records the batch sizes it was
 * called with; windows of the sources in {@code failing} make it throw, like a model would on bad input.
 */
final class RecordingNowcaster implements Nowcaster {

    final List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());
    private final Set<String> failing;

    RecordingNowcaster(Set<String> failing) {
        this.failing = failing;
    }

    RecordingNowcaster() {
        this(Set.of());
    }

    @Override
    public ModelIdentity identity() {
        return ModelIdentity.baseline("recording-persistence");
    }

    @Override
    public List<List<PhysicalField>> predict(List<InputWindow> windows) {
        batchSizes.add(windows.size());
        List<List<PhysicalField>> out = new ArrayList<>();
        for (InputWindow w : windows) {
            if (failing.contains(w.sourceId())) {
                throw new IllegalStateException("model cannot handle source " + w.sourceId());
            }
            out.add(Collections.nCopies(outputFrames(), w.last()));
        }
        return out;
    }
}
