package nowcast.sink.verify;

import nowcast.products.ProbabilityScores;

/**
 * Verification of the exceedance probabilities of one threshold: Brier score, sample-climatology
 * reference and reliability bins ({@link ProbabilityScores}) of one lead of one forecast, or summed
 * over the rolling window.
 */
public record ExceedanceScore(double threshold, ProbabilityScores scores) {

    ExceedanceScore plus(ExceedanceScore other) {
        ProbabilityScores sum = new ProbabilityScores();
        sum.addAll(scores);
        sum.addAll(other.scores);
        return new ExceedanceScore(threshold, sum);
    }
}
