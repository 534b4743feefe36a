package nowcast.predictor.window;

import java.util.List;

import nowcast.frame.GridMapping;

/**
 * A complete window waiting for its forecast. It lives in the window store until the forecast (or
 * its dead letter) is emitted, so that a crash between the two never loses it. {@code frameTimestampMillis}
 * is the Kafka timestamp of the frame that completed it (start of the end-to-end latency) and
 * {@code readyAtMillis} the wall-clock time it became complete (start of the queueing time).
 */
public record PendingWindow(String sourceId, long baseTimeMillis, List<Long> inputTimesMillis,
                            List<Long> interpolatedMillis, long cadenceMillis, String product, GridMapping mapping,
                            long frameTimestampMillis, long readyAtMillis) {

    public PendingWindow {
        inputTimesMillis = List.copyOf(inputTimesMillis);
        interpolatedMillis = List.copyOf(interpolatedMillis);
    }
}
