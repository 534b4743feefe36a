package nowcast.model;

import java.util.List;

import nowcast.forecast.ModelIdentity;
import nowcast.frame.PhysicalField;

/**
 * Predicts the next frames of a batch of windows. Each input window holds {@link #inputFrames()}
 * fields of one source, oldest first, all of one quantity and shape; the result holds, per window
 * and in the same order, {@link #outputFrames()} fields in the same quantity, unit and shape.
 *
 * <p>Implementations are safe to call from several threads at once.
 */
public interface Nowcaster extends AutoCloseable {

    ModelIdentity identity();

    default int inputFrames() {
        return 10;
    }

    default int outputFrames() {
        return 10;
    }

    List<List<PhysicalField>> predict(List<InputWindow> windows);

    /**
     * Like {@link #predict}, and says which nowcaster actually answered. Wrappers that may answer
     * with another nowcaster (a fallback) override it, so that a forecast never carries the name of
     * a model that did not make it.
     */
    default Answer answer(List<InputWindow> windows) {
        return new Answer(identity(), predict(windows));
    }

    /** Predicted fields per window, and the nowcaster that made them. */
    record Answer(ModelIdentity model, List<List<PhysicalField>> frames) {
    }

    @Override
    default void close() {
    }
}
