package nowcast.training.data;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import nowcast.frame.Quantity;

/**
 * Consecutive model-grid fields of one source at a fixed cadence (no gaps), in physical units of
 * {@code quantity} (NaN = no data): {@code fields.get(i)} is the {@code side x side} field observed
 * at {@code times.get(i)}. They are scaled to the network's range only when a batch is made, so
 * that the extrapolation a conditioned network reads is computed from the values a live window has.
 */
public record FrameSequence(String sourceId, Quantity quantity, Duration cadence, List<Instant> times, List<float[]> fields, int side) {

    public FrameSequence {
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(quantity, "quantity");
        times = List.copyOf(times);
        fields = List.copyOf(fields);
        if (times.size() != fields.size()) {
            throw new IllegalArgumentException("sequence " + sourceId + " has " + times.size() + " times but " + fields.size() + " fields");
        }
        for (float[] f : fields) {
            if (f.length != side * side) {
                throw new IllegalArgumentException("sequence " + sourceId + ": a field has " + f.length + " values, expected " + side + "x" + side);
            }
        }
    }

    public int length() {
        return fields.size();
    }

    /** The frames {@code [from, to)} as their own sequence. */
    public FrameSequence slice(int from, int to) {
        return new FrameSequence(sourceId, quantity, cadence, times.subList(from, to), fields.subList(from, to), side);
    }
}
