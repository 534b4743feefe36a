package nowcast.scoring;

/**
 * Hits, misses and false alarms at one threshold (event = value at or above it), summed over pixels,
 * fields or windows before any ratio is taken, and the scores derived from them. A score whose
 * denominator is zero is undefined: NaN here (not zero skill); formats without NaN (JSON, the
 * verification topic's nullable fields) write it as null through {@link #definedOrNull}.
 */
public record Contingency(double threshold, long hits, long misses, long falseAlarms) {

    /** No counts yet at {@code threshold}. */
    public static Contingency empty(double threshold) {
        return new Contingency(threshold, 0, 0, 0);
    }

    /** Critical success index H / (H + M + F). */
    public double csi() {
        return ratio(hits, hits + misses + falseAlarms);
    }

    /** Probability of detection H / (H + M). */
    public double pod() {
        return ratio(hits, hits + misses);
    }

    /** False alarm ratio F / (H + F). */
    public double far() {
        return ratio(falseAlarms, hits + falseAlarms);
    }

    public Contingency plus(Contingency other) {
        return new Contingency(threshold, hits + other.hits, misses + other.misses, falseAlarms + other.falseAlarms);
    }

    /** A score as written where there is no NaN: null when undefined. */
    public static Double definedOrNull(double score) {
        return Double.isNaN(score) ? null : score;
    }

    private static double ratio(long num, long den) {
        return den == 0 ? Double.NaN : (double) num / den;
    }
}
