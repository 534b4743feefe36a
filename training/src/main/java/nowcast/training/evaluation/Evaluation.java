package nowcast.training.evaluation;

import java.util.List;
import java.util.function.IntConsumer;

import nowcast.frame.PhysicalField;
import nowcast.model.Nowcaster;

/**
 * Scores a nowcaster on one regridded event with the protocol: 10 input frames, 10 leads, all
 * windows, in batches of {@code batchSize} windows per {@link Nowcaster#predict} call.
 */
public final class Evaluation {

    public static final int INPUT_FRAMES = 10;
    public static final int LEADS = 10;

    private final int batchSize;

    public Evaluation(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        }
        this.batchSize = batchSize;
    }

    /** {@code progress} hears the number of windows scored so far. */
    public EventScores score(Nowcaster nowcaster, String method, RadarSequence sequence, float[] thresholds,
                             IntConsumer progress) {
        if (nowcaster.outputFrames() < LEADS) {
            throw new IllegalArgumentException("nowcaster " + method + " predicts " + nowcaster.outputFrames()
                    + " frames; the protocol scores " + LEADS + " leads");
        }
        List<EvaluationWindow> windows = EvaluationWindow.all(sequence, INPUT_FRAMES, LEADS);
        if (windows.isEmpty()) {
            throw new IllegalArgumentException("event " + sequence.name() + " has " + sequence.size()
                    + " frames and no run of " + (INPUT_FRAMES + LEADS) + " consecutive ones to score");
        }
        ScoreAccumulator scores = new ScoreAccumulator(sequence.fields().get(0).quantity(), thresholds, LEADS);
        long predictNanos = 0;
        for (int from = 0; from < windows.size(); from += batchSize) {
            List<EvaluationWindow> batch = windows.subList(from, Math.min(from + batchSize, windows.size()));
            long t0 = System.nanoTime();
            List<List<PhysicalField>> forecasts = nowcaster.predict(batch.stream().map(EvaluationWindow::input)
                    .toList());
            predictNanos += System.nanoTime() - t0;
            if (forecasts.size() != batch.size()) {
                throw new IllegalStateException("nowcaster " + method + " answered " + forecasts.size()
                        + " forecasts for " + batch.size() + " windows");
            }
            for (int w = 0; w < batch.size(); w++) {
                for (int lead = 1; lead <= LEADS; lead++) {
                    scores.add(lead, forecasts.get(w).get(lead - 1), batch.get(w).truth().get(lead - 1));
                }
            }
            progress.accept(from + batch.size());
        }
        return new EventScores(method, sequence.name(), sequence.fields().get(0).quantity(), thresholds,
                sequence.cadence(), windows.size(), scores.scores(), predictNanos / 1e6 / windows.size());
    }
}
