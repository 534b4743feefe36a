package nowcast.model;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import nowcast.frame.PhysicalField;

/** The consecutive fields of one source that a nowcaster predicts from, oldest first, at a fixed cadence. */
public record InputWindow(String sourceId, List<PhysicalField> frames, Duration cadence) {

    public InputWindow {
        Objects.requireNonNull(sourceId, "sourceId");
        frames = List.copyOf(frames);
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("window of " + sourceId + " has no frames");
        }
        PhysicalField first = frames.get(0);
        for (int i = 1; i < frames.size(); i++) {
            PhysicalField f = frames.get(i);
            if (f.quantity() != first.quantity() || f.rows() != first.rows() || f.cols() != first.cols()
                    || f.channels() != first.channels()) {
                throw new IllegalArgumentException("window of " + sourceId + ": frame " + i + " is " + f.quantity()
                        + " " + f.rows() + "x" + f.cols() + "x" + f.channels() + " but frame 0 is " + first.quantity()
                        + " " + first.rows() + "x" + first.cols() + "x" + first.channels());
            }
        }
    }

    public PhysicalField last() {
        return frames.get(frames.size() - 1);
    }
}
