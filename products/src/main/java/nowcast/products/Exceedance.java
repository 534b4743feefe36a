package nowcast.products;

import java.time.Duration;
import java.util.List;

import nowcast.frame.PhysicalField;
import nowcast.frame.Quantity;

/**
 * Probability that the quantity reaches each threshold, per threshold and lead, on the forecast grid:
 * {@code probability(t, k)} is a {@code rows x cols} array in [0, 1], NaN where there is no data.
 */
public record Exceedance(Quantity quantity, List<Double> thresholds, List<Duration> leadTimes, int rows, int cols,
                         float[][][] probabilities) {

    public Exceedance {
        thresholds = List.copyOf(thresholds);
        leadTimes = List.copyOf(leadTimes);
        if (probabilities.length != thresholds.size()) {
            throw new IllegalArgumentException(probabilities.length + " probability sets for " + thresholds.size()
                    + " thresholds");
        }
    }

    public float[] probability(int threshold, int lead) {
        return probabilities[threshold][lead];
    }

    public PhysicalField field(int threshold, int lead) {
        // Probabilities travel as a grey-level field (0-1): the quantity with that range and unit "1".
        return PhysicalField.single(Quantity.GREY_LEVEL, rows, cols, probabilities[threshold][lead]);
    }

    /**
     * Calibrated neighbourhood probabilities of a forecast (see {@link Calibration}), for the given
     * thresholds in the forecast's unit; rank {@code i} of the calibration serves {@code thresholds.get(i)}
     * unless {@code ranks} says otherwise.
     */
    public static Exceedance of(List<PhysicalField> leads, List<Duration> leadTimes, List<Double> thresholds,
                                int[] ranks, Calibration calibration) {
        if (leads.isEmpty() || leads.size() != leadTimes.size()) {
            throw new IllegalArgumentException("need one lead time per lead field, got " + leads.size() + " fields and "
                    + leadTimes.size() + " lead times");
        }
        PhysicalField first = leads.get(0);
        float[][][] p = new float[thresholds.size()][leads.size()][];
        for (int t = 0; t < thresholds.size(); t++) {
            int rank = ranks == null ? t : ranks[t];
            for (int k = 0; k < leads.size(); k++) {
                double minutes = leadTimes.get(k).toMillis() / 60_000.0;
                float[] f = NeighbourhoodFraction.of(leads.get(k), thresholds.get(t), calibration.halfWidth(minutes));
                float[] outer = NeighbourhoodFraction.of(leads.get(k), thresholds.get(t),
                        calibration.outerHalfWidth(minutes));
                for (int i = 0; i < f.length; i++) {
                    f[i] = outer[i] == 0f ? 0f : calibration.probability(first.quantity(), rank, minutes, f[i]);
                }
                p[t][k] = f;
            }
        }
        monotone(thresholds, p);
        return new Exceedance(first.quantity(), thresholds, leadTimes, first.rows(), first.cols(), p);
    }

    /**
     * A higher threshold is never more likely than a lower one: the calibration of each threshold is
     * fitted on its own, so where the curves cross, the higher threshold's probability is capped.
     */
    private static void monotone(List<Double> thresholds, float[][][] p) {
        for (int t = 1; t < thresholds.size(); t++) {
            int lower = -1;
            for (int u = 0; u < thresholds.size(); u++) {
                if (thresholds.get(u) < thresholds.get(t) && (lower < 0 || thresholds.get(u) > thresholds.get(lower))) {
                    lower = u;
                }
            }
            if (lower < 0) {
                continue;
            }
            for (int k = 0; k < p[t].length; k++) {
                for (int i = 0; i < p[t][k].length; i++) {
                    if (p[t][k][i] > p[lower][k][i]) {
                        p[t][k][i] = p[lower][k][i];
                    }
                }
            }
        }
    }
}
