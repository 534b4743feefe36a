package nowcast.training.evaluation;

/**
 * Hits, misses and false alarms of one lead and threshold, summed over windows before any ratio is
 * taken. A ratio with a zero denominator is NaN (undefined, not zero skill).
 */
public record Contingency(long hits, long misses, long falseAlarms) {

    public static final Contingency EMPTY = new Contingency(0, 0, 0);

    public Contingency plus(Contingency other) {
        return new Contingency(hits + other.hits, misses + other.misses, falseAlarms + other.falseAlarms);
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

    private static double ratio(long num, long den) {
        return den == 0 ? Double.NaN : (double) num / den;
    }
}
