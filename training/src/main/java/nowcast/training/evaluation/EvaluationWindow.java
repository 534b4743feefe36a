package nowcast.training.evaluation;

import java.util.ArrayList;
import java.util.List;

import nowcast.frame.PhysicalField;
import nowcast.model.InputWindow;

/** One scored sample: frames s..s+inputs-1 as input, the next {@code leads} frames as truth. */
public record EvaluationWindow(int start, InputWindow input, List<PhysicalField> truth) {

    public EvaluationWindow {
        truth = List.copyOf(truth);
    }

    /**
     * Every window of {@code inputs + leads} consecutive frames (exactly one cadence apart), in order
     * of start; a sequence without gaps of n frames gives n - inputs - leads + 1 windows.
     */
    public static List<EvaluationWindow> all(RadarSequence sequence, int inputs, int leads) {
        int span = inputs + leads;
        List<EvaluationWindow> out = new ArrayList<>();
        for (int s = 0; s + span <= sequence.size(); s++) {
            if (!consecutive(sequence, s, span)) {
                continue;
            }
            InputWindow input = new InputWindow(sequence.name(), sequence.fields().subList(s, s + inputs),
                    sequence.cadence());
            out.add(new EvaluationWindow(s, input, sequence.fields().subList(s + inputs, s + span)));
        }
        return out;
    }

    private static boolean consecutive(RadarSequence sequence, int start, int span) {
        for (int i = start + 1; i < start + span; i++) {
            if (!sequence.times().get(i - 1).plus(sequence.cadence()).equals(sequence.times().get(i))) {
                return false;
            }
        }
        return true;
    }
}
