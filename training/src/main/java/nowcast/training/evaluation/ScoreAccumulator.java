package nowcast.training.evaluation;

import java.util.ArrayList;
import java.util.List;

import nowcast.frame.PhysicalField;
import nowcast.frame.Quantity;
import nowcast.scoring.Contingency;
import nowcast.scoring.FieldScore;
import nowcast.scoring.ScoringRules;

/**
 * Collects the protocol's per-lead scores window by window (docs/spec/evaluation-protocol.md,
 * Metrics). Each window and lead is scored by the shared {@link FieldScore} (normalisation,
 * validity, contingency counts: the same code as the sink's online verification); this class adds
 * the sums over windows and SSIM. MSE and MAE are averaged over windows; a window whose truth has no
 * valid pixel at a lead adds nothing to that lead's MSE and MAE. SSIM sees invalid truth pixels as 0
 * in both forecast and truth. Contingency counts are summed over windows. Not thread-safe.
 */
public final class ScoreAccumulator {

    private final ScoringRules rules;
    private final double[] sumMse;
    private final double[] sumMae;
    private final int[] errorWindows;
    private final double[] sumSsim;
    private final int[] ssimWindows;
    private final List<List<Contingency>> counts;

    public ScoreAccumulator(Quantity quantity, float[] thresholds, int leads) {
        if (leads < 1) {
            throw new IllegalArgumentException("leads must be >= 1, got " + leads);
        }
        if (quantity != Quantity.RAIN_RATE && quantity != Quantity.REFLECTIVITY) {
            throw new IllegalArgumentException("the benchmark protocol scores rain rate (mm/h) and "
                    + "reflectivity (dBZ) only, not " + quantity + " (" + quantity.unit() + ")");
        }
        List<Double> thr = new ArrayList<>(thresholds.length);
        for (float t : thresholds) {
            thr.add((double) t);
        }
        this.rules = ScoringRules.forQuantity(quantity).withThresholds(thr);
        this.sumMse = new double[leads];
        this.sumMae = new double[leads];
        this.errorWindows = new int[leads];
        this.sumSsim = new double[leads];
        this.ssimWindows = new int[leads];
        this.counts = new ArrayList<>(leads);
        for (int k = 0; k < leads; k++) {
            counts.add(new ArrayList<>(thr.stream().map(Contingency::empty).toList()));
        }
    }

    public int leads() {
        return sumMse.length;
    }

    /** Scores the forecast of one window at {@code lead} (1-based) against its truth. */
    public void add(int lead, PhysicalField forecast, PhysicalField truth) {
        if (lead < 1 || lead > leads()) {
            throw new IllegalArgumentException("lead " + lead + " outside 1.." + leads());
        }
        if (forecast.rows() != truth.rows() || forecast.cols() != truth.cols() || forecast.channels() != 1
                || truth.channels() != 1) {
            throw new IllegalArgumentException("forecast is " + forecast.rows() + "x" + forecast.cols() + "x"
                    + forecast.channels() + " but truth is " + truth.rows() + "x" + truth.cols() + "x"
                    + truth.channels() + "; both must be single-channel fields of one shape");
        }
        if (forecast.quantity() != truth.quantity() || truth.quantity() != rules.quantity()) {
            throw new IllegalArgumentException("forecast is " + forecast.quantity() + " and truth "
                    + truth.quantity() + " but the scores are for " + rules.quantity());
        }
        int k = lead - 1;
        FieldScore score = FieldScore.of(forecast, truth, rules);
        if (score.validPixels() > 0) {
            sumMse[k] += score.mse();
            sumMae[k] += score.mae();
            errorWindows[k]++;
        }
        List<Contingency> c = counts.get(k);
        for (int j = 0; j < c.size(); j++) {
            c.set(j, c.get(j).plus(score.categories().get(j)));
        }
        float[] f = forecast.values();
        float[] t = truth.values();
        float[] fn = new float[f.length];
        float[] tn = new float[f.length];
        for (int i = 0; i < f.length; i++) {
            if (!Float.isNaN(t[i])) {
                fn[i] = rules.normalise(f[i]);
                tn[i] = rules.normalise(t[i]);
            }
        }
        sumSsim[k] += Ssim.mean(fn, tn, truth.rows(), truth.cols());
        ssimWindows[k]++;
    }

    /** The scores so far, one per lead (NaN where nothing was scored). */
    public List<LeadScore> scores() {
        List<LeadScore> out = new ArrayList<>(leads());
        for (int k = 0; k < leads(); k++) {
            out.add(new LeadScore(k + 1, sumMse[k] / errorWindows[k], sumMae[k] / errorWindows[k],
                    sumSsim[k] / ssimWindows[k], List.copyOf(counts.get(k))));
        }
        return out;
    }
}
