package nowcast.training.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits sequences by time into a training part (the earlier frames) and a validation part (the
 * later frames). Windows are then cut inside each part only, so no validation window shares a
 * frame with a training window.
 */
public record TimeSplit(List<FrameSequence> train, List<FrameSequence> validation) {

    /** The last {@code validationFraction} of each sequence's frames (rounded) go to validation. */
    public static TimeSplit of(List<FrameSequence> sequences, double validationFraction) {
        if (validationFraction < 0 || validationFraction >= 1) {
            throw new IllegalArgumentException("validation fraction must be in [0, 1), got " + validationFraction);
        }
        List<FrameSequence> train = new ArrayList<>();
        List<FrameSequence> validation = new ArrayList<>();
        for (FrameSequence s : sequences) {
            int cut = s.length() - (int) Math.round(s.length() * validationFraction);
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
