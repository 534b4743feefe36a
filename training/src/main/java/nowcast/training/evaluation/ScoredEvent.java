package nowcast.training.evaluation;

/** An event ready to score: its frames on the evaluation grid and its thresholds in physical units. */
public record ScoredEvent(RadarSequence sequence, float[] thresholds) {

    public ScoredEvent {
        thresholds = thresholds.clone();
    }
}
