package nowcast.products;

import java.util.Arrays;

/**
 * Verification of probabilities of one event (a threshold at a lead) against what was observed:
 * the Brier score, the sample climatology's Brier score o(1 - o) with o the observed frequency of
 * the sample, the Brier skill score 1 - BS / BS_clim, and a reliability table of ten equal-width
 * probability bins (forecasts, mean probability, observed frequency). Sums only, so scores of
 * windows, events or a rolling window add up exactly.
 */
public final class ProbabilityScores {

    public static final int BINS = 10;

    private long n;
    private double sumSquares;
    private long events;
    private final long[] binCount = new long[BINS];
    private final double[] binProbability = new double[BINS];
    private final long[] binEvents = new long[BINS];

    /** Adds pixel pairs: probability {@code p[i]} against the observed value {@code observed[i]}. */
    public void add(float[] p, float[] observed, int observedChannels, double threshold) {
        for (int i = 0; i < p.length; i++) {
            float o = observed[i * observedChannels];
            if (Float.isNaN(o)) {
                continue;
            }
            float prob = Float.isNaN(p[i]) ? 0f : p[i];
            add(prob, o >= threshold);
        }
    }

    public void add(double probability, boolean event) {
        add(probability, 1, event ? 1 : 0);
    }

    /** {@code count} forecasts of the same probability, {@code withEvent} of which saw the event. */
    public void add(double probability, long count, long withEvent) {
        if (count == 0) {
            return;
        }
        n += count;
        sumSquares += withEvent * (1 - probability) * (1 - probability)
                + (count - withEvent) * probability * probability;
        events += withEvent;
        int bin = Math.min(BINS - 1, (int) Math.floor(probability * BINS));
        binCount[bin] += count;
        binProbability[bin] += probability * count;
        binEvents[bin] += withEvent;
    }

    public void addAll(ProbabilityScores other) {
        n += other.n;
        sumSquares += other.sumSquares;
        events += other.events;
        for (int b = 0; b < BINS; b++) {
            binCount[b] += other.binCount[b];
            binProbability[b] += other.binProbability[b];
            binEvents[b] += other.binEvents[b];
        }
    }

    public long count() {
        return n;
    }

    public long events() {
        return events;
    }

    public double baseRate() {
        return n == 0 ? Double.NaN : (double) events / n;
    }

    public double brier() {
        return n == 0 ? Double.NaN : sumSquares / n;
    }

    public double climatologyBrier() {
        double o = baseRate();
        return o * (1 - o);
    }

    /** NaN when the sample has no event or only events (the climatology is then perfect). */
    public double brierSkill() {
        double ref = climatologyBrier();
        return ref > 0 ? 1 - brier() / ref : Double.NaN;
    }

    public long binCount(int bin) {
        return binCount[bin];
    }

    /** Mean forecast probability in a bin, NaN when empty. */
    public double binMeanProbability(int bin) {
        return binCount[bin] == 0 ? Double.NaN : binProbability[bin] / binCount[bin];
    }

    /** Observed frequency in a bin, NaN when empty. */
    public double binObservedFrequency(int bin) {
        return binCount[bin] == 0 ? Double.NaN : (double) binEvents[bin] / binCount[bin];
    }

    @Override
    public String toString() {
        return "ProbabilityScores{n=" + n + ", brier=" + brier() + ", bss=" + brierSkill() + ", bins="
                + Arrays.toString(binCount) + "}";
    }
}
