package nowcast.sink.verify;

/**
 * Contingency counts at one threshold (event = value at or above it) and the scores derived from
 * them; a score whose denominator is zero is null (undefined), not zero.
 */
public record ThresholdScore(double threshold, long hits, long misses, long falseAlarms) {

    public Double csi() {
        return ratio(hits, hits + misses + falseAlarms);
    }

    public Double pod() {
        return ratio(hits, hits + misses);
    }

    public Double far() {
        return ratio(falseAlarms, hits + falseAlarms);
    }

    public ThresholdScore plus(ThresholdScore other) {
        return new ThresholdScore(threshold, hits + other.hits, misses + other.misses,
                falseAlarms + other.falseAlarms);
    }

    private static Double ratio(long num, long den) {
        return den == 0 ? null : (double) num / den;
    }
}
