package nowcast.predictor.batch;

import java.util.List;

import nowcast.forecast.ModelIdentity;
import nowcast.frame.GeoReference;
import nowcast.frame.PhysicalField;
import nowcast.predictor.window.PendingWindow;

/**
 * The nowcaster's answer for one window: the predicted fields and the nowcaster that made them, or
 * the failure that prevented them ({@code model} is then null). {@code startedAtMillis} is when its
 * batch started (end of queueing).
 */
public record Prediction(PendingWindow window, GeoReference geo, List<PhysicalField> frames, ModelIdentity model,
                         RuntimeException failure, long startedAtMillis, double inferenceMillis, int batchSize) {

    public boolean failed() {
        return failure != null;
    }
}
