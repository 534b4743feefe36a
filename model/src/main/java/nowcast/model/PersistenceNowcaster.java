package nowcast.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import nowcast.forecast.ModelIdentity;
import nowcast.frame.PhysicalField;

/**
 * The "nothing moves" baseline: every predicted frame is the last observed frame of its window,
 * unchanged (same quantity, unit and shape, NaN stays NaN). Any verification score a learned model
 * reports is only meaningful relative to this. It reports the default ten input frames so that it
 * is fed the same windows as the learned models, but uses only the last frame and accepts windows
 * of any length.
 */
public final class PersistenceNowcaster implements Nowcaster {

    public static final String NAME = "persistence";

    private final int outputFrames;

    public PersistenceNowcaster() {
        this(10);
    }

    public PersistenceNowcaster(int outputFrames) {
        if (outputFrames <= 0) {
            throw new IllegalArgumentException("outputFrames must be positive, got " + outputFrames);
        }
        this.outputFrames = outputFrames;
    }

    @Override
    public ModelIdentity identity() {
        return ModelIdentity.baseline(NAME);
    }

    @Override
    public int outputFrames() {
        return outputFrames;
    }

    @Override
    public List<List<PhysicalField>> predict(List<InputWindow> windows) {
        List<List<PhysicalField>> out = new ArrayList<>(windows.size());
        for (InputWindow window : windows) {
            PhysicalField last = window.last();
            // PhysicalField wraps its array without copying; hand every frame its own copy so a
            // caller that edits one predicted frame cannot change the others or the input.
            List<PhysicalField> frames = new ArrayList<>(outputFrames);
            for (int i = 0; i < outputFrames; i++) {
                frames.add(new PhysicalField(last.quantity(), last.rows(), last.cols(), last.channels(),
                        last.values().clone()));
            }
            out.add(Collections.unmodifiableList(frames));
        }
        return Collections.unmodifiableList(out);
    }
}
