package nowcast.training.jobs;

import java.util.ArrayList;
import java.util.List;

/** Training loss per step and validation loss at the steps it was measured. */
public final class LossHistory {

    /** One measurement: the step it was taken after and the loss. */
    public record Point(long step, double loss) {
    }

    private final List<Point> train = new ArrayList<>();
    private final List<Point> validation = new ArrayList<>();

    public synchronized void addTrain(long step, double loss) {
        train.add(new Point(step, loss));
    }

    public synchronized void addValidation(long step, double loss) {
        validation.add(new Point(step, loss));
    }

    public synchronized List<Point> train() {
        return List.copyOf(train);
    }

    public synchronized List<Point> validation() {
        return List.copyOf(validation);
    }

    /** Mean training loss of the last {@code n} steps (NaN when none). */
    public synchronized double recentTrainMean(int n) {
        if (train.isEmpty()) {
            return Double.NaN;
        }
        double s = 0;
        int from = Math.max(0, train.size() - n);
        for (int i = from; i < train.size(); i++) {
            s += train.get(i).loss();
        }
        return s / (train.size() - from);
    }
}
