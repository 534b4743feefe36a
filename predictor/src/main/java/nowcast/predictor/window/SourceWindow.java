package nowcast.predictor.window;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import nowcast.frame.GeoReference;
import nowcast.frame.GridMapping;

/**
 * What the predictor remembers about one source: its cadence and grid mapping, the times of the
 * recent frames it holds (oldest first; the fields themselves are in the frame store), and the
 * complete windows still waiting for their forecast. {@code geo} (of the source grid) may be null.
 */
public record SourceWindow(String sourceId, long cadenceMillis, String product, GridMapping mapping, GeoReference geo,
                           List<FrameSlot> slots, List<PendingWindow> pending) {

    public SourceWindow {
        slots = List.copyOf(slots);
        pending = List.copyOf(pending);
    }

    public long newestMillis() {
        return slots.isEmpty() ? Long.MIN_VALUE : slots.get(slots.size() - 1).timeMillis();
    }

    public SourceWindow withPending(List<PendingWindow> newPending) {
        return new SourceWindow(sourceId, cadenceMillis, product, mapping, geo, slots, newPending);
    }

    /** This state without the pending window of {@code baseTimeMillis}. */
    public SourceWindow withoutPending(long baseTimeMillis) {
        List<PendingWindow> rest = new ArrayList<>(pending);
        rest.removeIf(p -> p.baseTimeMillis() == baseTimeMillis);
        return withPending(rest);
    }

    /** Frame times that the slots or any pending window still need; every other stored frame may go. */
    public Set<Long> referencedTimes() {
        Set<Long> times = new HashSet<>();
        slots.forEach(s -> times.add(s.timeMillis()));
        pending.forEach(p -> times.addAll(p.inputTimesMillis()));
        return times;
    }
}
