package nowcast.training.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits sequences by time into a training part (the earlier frames) and a validation part (the
 * later frames). Windows are then cut inside each part only, so no validation window shares a
 * frame with a training window.
 */
public record TimeSplit(List<FrameSequence> train, List<FrameSequence> validation) {

    /**
     * The last {@code validationFraction} of each sequence's frames (rounded) go to validation, but
     * never a part too short for one window of {@code windowLength} frames: it grows to one window
     * when the rest still holds one, otherwise the whole sequence is training (a short event, such
     * as OPERA's 24 frames, would else give no window to either part).
     */
    public static TimeSplit of(List<FrameSequence> sequences, double validationFraction, int windowLength) {
        if (validationFraction < 0 || validationFraction >= 1) {
            throw new IllegalArgumentException("validation fraction must be in [0, 1), got " + validationFraction);
        }
        List<FrameSequence> train = new ArrayList<>();
        List<FrameSequence> validation = new ArrayList<>();
        for (FrameSequence s : sequences) {
            int held = (int) Math.round(s.length() * validationFraction);
            if (held > 0 && held < windowLength) {
                held = s.length() >= 2 * windowLength ? windowLength : 0;
            }
            int cut = s.length() - held;
            if (cut > 0) {
                train.add(s.slice(0, cut));
            }
            if (cut < s.length()) {
                validation.add(s.slice(cut, s.length()));
            }
        }
        return new TimeSplit(train, validation);
    }
}
