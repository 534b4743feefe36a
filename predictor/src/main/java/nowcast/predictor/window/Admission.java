package nowcast.predictor.window;

import java.util.List;

/**
 * What {@link WindowPolicy} decided about one frame. For {@link Kind#ACCEPTED} and
 * {@link Kind#REPLACED_FILL}, {@code next} is the new source state, {@code filledMillis} the frame times to
 * fill by interpolation, {@code completed} the windows this frame completed, {@code evictedMillis} the frame
 * times whose fields may be deleted. {@code reason} explains a LATE frame or a reset.
 */
public record Admission(Kind kind, String reason, SourceWindow next, List<Long> filledMillis,
                        List<PendingWindow> completed, List<Long> evictedMillis, boolean gapOpened, boolean reset) {

    public enum Kind {
        /** A frame for a time (within the cadence tolerance) that is already held. */
        DUPLICATE,
        /** Older than the window span: it can no longer complete a window. */
        LATE,
        /** Inserted in time order. */
        ACCEPTED,
        /** The observed frame for a time that had been filled by interpolation; completes nothing new. */
        REPLACED_FILL
    }

    public Admission {
        filledMillis = List.copyOf(filledMillis);
        completed = List.copyOf(completed);
        evictedMillis = List.copyOf(evictedMillis);
    }

    static Admission duplicate() {
        return new Admission(Kind.DUPLICATE, null, null, List.of(), List.of(), List.of(), false, false);
    }

    static Admission late(String reason) {
        return new Admission(Kind.LATE, reason, null, List.of(), List.of(), List.of(), false, false);
    }
}
