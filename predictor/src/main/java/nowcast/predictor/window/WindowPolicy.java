package nowcast.predictor.window;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import nowcast.frame.GeoReference;
import nowcast.frame.GridMapping;

/**
 * The rules of docs/spec/system.md section 6 for one source, as a pure function of the source state and the
 * arriving frame's time (no Kafka, no fields), so each rule is testable on its own.
 *
 * <ul>
 * <li>A window is {@code length} frames spaced by the cadence, each within {@code tolerance} of its
 *     nominal time counted back from the window's last frame.</li>
 * <li>A frame within the tolerance of a held frame is a duplicate (ignored).</li>
 * <li>A frame older than the window span ({@code (length-1)} cadences before the newest frame, minus the
 *     tolerance) is late.</li>
 * <li>Otherwise it is inserted in order, and every window that it completes is emitted once: a window is
 *     newly complete exactly when it contains the new frame (or a frame filled because of it), so no
 *     record of past forecasts is needed.</li>
 * <li>A change of cadence or of the grid mapping restarts the source's window (windows already complete
 *     still get their forecast).</li>
 * <li>With {@code fillSingleGap}, one missing frame between two frames two cadences apart is filled (by the
 *     caller, by linear interpolation) and flagged; its later observed frame replaces the fill but completes
 *     nothing, because the windows that contain it were already forecast.</li>
 * </ul>
 * Frames are kept for two window spans so that a late middle frame can complete every window through it.
 */
public final class WindowPolicy {

    private final int length;
    private final double toleranceFraction;
    private final boolean fillSingleGap;

    public WindowPolicy(int length, double toleranceFraction, boolean fillSingleGap) {
        if (length < 1) {
            throw new IllegalArgumentException("window length must be >= 1, got " + length);
        }
        if (toleranceFraction < 0 || toleranceFraction >= 0.5) {
            throw new IllegalArgumentException("cadence tolerance must be in [0, 0.5) of the cadence, got "
                    + toleranceFraction);
        }
        this.length = length;
        this.toleranceFraction = toleranceFraction;
        this.fillSingleGap = fillSingleGap;
    }

    public int length() {
        return length;
    }

    /**
     * Decides about a frame of {@code sourceId} observed at {@code timeMillis}. {@code state} is null for a
     * source never seen. {@code frameTimestampMillis} and {@code nowMillis} are stamped on completed windows.
     */
    public Admission admit(SourceWindow state, String sourceId, long timeMillis, long cadenceMillis, String product,
                           GridMapping mapping, GeoReference geo, long frameTimestampMillis, long nowMillis) {
        long tolerance = Math.round(cadenceMillis * toleranceFraction);
        boolean reset = state != null
                && (state.cadenceMillis() != cadenceMillis || !state.mapping().equals(mapping));
        List<FrameSlot> slots = new ArrayList<>();
        List<PendingWindow> pending = new ArrayList<>();
        List<Long> evictedByReset = new ArrayList<>();
        String resetReason = null;
        if (state != null) {
            pending.addAll(state.pending());
            if (reset) {
                resetReason = state.cadenceMillis() != cadenceMillis
                        ? "cadence changed from " + state.cadenceMillis() + " ms to " + cadenceMillis + " ms"
                        : "grid mapping changed from " + state.mapping() + " to " + mapping;
                state.slots().forEach(s -> evictedByReset.add(s.timeMillis()));
            } else {
                slots.addAll(state.slots());
            }
        }

        if (!slots.isEmpty()) {
            int held = indexNear(slots, timeMillis, tolerance);
            if (held >= 0) {
                FrameSlot existing = slots.get(held);
                if (existing.interpolated() && existing.timeMillis() == timeMillis) {
                    slots.set(held, new FrameSlot(timeMillis, false));
                    SourceWindow next = new SourceWindow(sourceId, cadenceMillis, product, mapping, geo, slots,
                            pending);
                    return new Admission(Admission.Kind.REPLACED_FILL, null, next, List.of(), List.of(), List.of(),
                            false, false);
                }
                return Admission.duplicate();
            }
            long newest = slots.get(slots.size() - 1).timeMillis();
            long spanStart = newest - (length - 1) * cadenceMillis - tolerance;
            if (timeMillis < spanStart) {
                return Admission.late("frame at " + Instant.ofEpochMilli(timeMillis)
                        + " is older than the window span, which starts at "
                        + Instant.ofEpochMilli(spanStart + tolerance) + " (newest frame "
                        + Instant.ofEpochMilli(newest) + ", " + length + " frames every " + cadenceMillis
                        + " ms)");
            }
        }

        boolean gapOpened = !slots.isEmpty()
                && timeMillis > slots.get(slots.size() - 1).timeMillis() + cadenceMillis + tolerance;
        insert(slots, new FrameSlot(timeMillis, false));
        Set<Long> fresh = new HashSet<>();
        fresh.add(timeMillis);
        List<Long> filled = fillSingleGap ? fills(slots, timeMillis, cadenceMillis, tolerance) : List.of();
        for (long f : filled) {
            insert(slots, new FrameSlot(f, true));
            fresh.add(f);
        }

        List<PendingWindow> completed = completedWindows(slots, fresh, sourceId, cadenceMillis, tolerance, product,
                mapping, frameTimestampMillis, nowMillis);
        pending.addAll(completed);

        long keepFrom = slots.get(slots.size() - 1).timeMillis() - 2L * (length - 1) * cadenceMillis - tolerance;
        List<Long> dropped = new ArrayList<>(evictedByReset);
        slots.removeIf(s -> {
            if (s.timeMillis() < keepFrom) {
                dropped.add(s.timeMillis());
                return true;
            }
            return false;
        });
        SourceWindow next = new SourceWindow(sourceId, cadenceMillis, product, mapping, geo, slots, pending);
        Set<Long> referenced = next.referencedTimes();
        List<Long> evicted = dropped.stream().filter(t -> !referenced.contains(t)).toList();
        return new Admission(Admission.Kind.ACCEPTED, resetReason, next, filled, completed, evicted, gapOpened,
                reset);
    }

    /** Missing single frames next to {@code t}: a neighbour two cadences away with nothing in between. */
    private static List<Long> fills(List<FrameSlot> slots, long t, long cadence, long tolerance) {
        List<Long> fills = new ArrayList<>();
        int i = indexNear(slots, t, 0);
        if (i > 0 && Math.abs(t - slots.get(i - 1).timeMillis() - 2 * cadence) <= tolerance) {
            fills.add((t + slots.get(i - 1).timeMillis()) / 2);
        }
        if (i < slots.size() - 1 && Math.abs(slots.get(i + 1).timeMillis() - t - 2 * cadence) <= tolerance) {
            fills.add((t + slots.get(i + 1).timeMillis()) / 2);
        }
        return fills;
    }

    private List<PendingWindow> completedWindows(List<FrameSlot> slots, Set<Long> fresh, String sourceId,
                                                 long cadence, long tolerance, String product, GridMapping mapping,
                                                 long frameTimestampMillis, long nowMillis) {
        long earliestFresh = fresh.stream().mapToLong(Long::longValue).min().orElseThrow();
        List<PendingWindow> completed = new ArrayList<>();
        for (int end = 0; end < slots.size(); end++) {
            long endTime = slots.get(end).timeMillis();
            if (endTime < earliestFresh) {
                continue;
            }
            List<FrameSlot> window = windowEndingAt(slots, end, cadence, tolerance);
            if (window == null || window.stream().noneMatch(s -> fresh.contains(s.timeMillis()))) {
                continue;
            }
            completed.add(new PendingWindow(sourceId, endTime,
                    window.stream().map(FrameSlot::timeMillis).toList(),
                    window.stream().filter(FrameSlot::interpolated).map(FrameSlot::timeMillis).toList(),
                    cadence, product, mapping, frameTimestampMillis, nowMillis));
        }
        return completed;
    }

    /** The {@code length} slots of the window whose last frame is {@code slots[end]}, oldest first, or null. */
    private List<FrameSlot> windowEndingAt(List<FrameSlot> slots, int end, long cadence, long tolerance) {
        FrameSlot[] window = new FrameSlot[length];
        long endTime = slots.get(end).timeMillis();
        int cursor = end;
        for (int k = 0; k < length; k++) {
            long nominal = endTime - k * cadence;
            while (cursor >= 0 && slots.get(cursor).timeMillis() > nominal + tolerance) {
                cursor--;
            }
            if (cursor < 0 || slots.get(cursor).timeMillis() < nominal - tolerance) {
                return null;
            }
            window[length - 1 - k] = slots.get(cursor);
            cursor--;
        }
        return List.of(window);
    }

    private static int indexNear(List<FrameSlot> slots, long t, long tolerance) {
        for (int i = 0; i < slots.size(); i++) {
            if (Math.abs(slots.get(i).timeMillis() - t) <= tolerance) {
                return i;
            }
        }
        return -1;
    }

    private static void insert(List<FrameSlot> slots, FrameSlot slot) {
        int i = slots.size();
        while (i > 0 && slots.get(i - 1).timeMillis() > slot.timeMillis()) {
            i--;
        }
        slots.add(i, Objects.requireNonNull(slot));
    }
}
