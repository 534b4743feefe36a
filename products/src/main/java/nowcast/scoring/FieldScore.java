package nowcast.scoring;

import java.util.ArrayList;
import java.util.List;

import nowcast.frame.PhysicalField;

/**
 * Scores of one predicted field against the observed field on the same grid, by the rules of
 * docs/spec/evaluation-protocol.md. A pixel counts where
 * the observation is valid (not NaN); MSE and MAE are over those pixels on the normalised scale
 * (NaN when there is none), and a predicted no-data pixel there counts as no echo (normalised 0, no
 * event), so a forecast cannot improve its score by leaving gaps.
 */
public record FieldScore(int validPixels, double mse, double mae, List<Contingency> categories) {

    public FieldScore {
        categories = List.copyOf(categories);
    }

    public static FieldScore of(PhysicalField predicted, PhysicalField observed, ScoringRules rules) {
        if (predicted.rows() != observed.rows() || predicted.cols() != observed.cols()
                || predicted.channels() != observed.channels()) {
            throw new IllegalArgumentException("cannot score a " + predicted.rows() + "x" + predicted.cols() + "x"
                    + predicted.channels() + " forecast against a " + observed.rows() + "x" + observed.cols() + "x"
                    + observed.channels() + " observation");
        }
        List<Double> thresholds = rules.thresholds();
        long[] hits = new long[thresholds.size()];
        long[] misses = new long[thresholds.size()];
        long[] falseAlarms = new long[thresholds.size()];
        float[] p = predicted.values();
        float[] o = observed.values();
        int valid = 0;
        double se = 0;
        double ae = 0;
        for (int i = 0; i < o.length; i++) {
            if (Float.isNaN(o[i])) {
                continue;
            }
            valid++;
            double diff = (double) rules.normalise(p[i]) - rules.normalise(o[i]);
            se += diff * diff;
            ae += Math.abs(diff);
            double obsEvent = rules.eventScale(o[i]);
            double predEvent = rules.eventScale(p[i]);
            for (int t = 0; t < hits.length; t++) {
                double thr = thresholds.get(t);
                boolean obs = obsEvent >= thr;
                boolean pred = predEvent >= thr;
                if (obs && pred) {
                    hits[t]++;
                } else if (obs) {
                    misses[t]++;
                } else if (pred) {
                    falseAlarms[t]++;
                }
            }
        }
        List<Contingency> categories = new ArrayList<>();
        for (int t = 0; t < hits.length; t++) {
            categories.add(new Contingency(thresholds.get(t), hits[t], misses[t], falseAlarms[t]));
        }
        return new FieldScore(valid, valid == 0 ? Double.NaN : se / valid, valid == 0 ? Double.NaN : ae / valid,
                categories);
    }
}
