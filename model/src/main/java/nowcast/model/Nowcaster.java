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

    @Override
    default void close() {
    }
}
