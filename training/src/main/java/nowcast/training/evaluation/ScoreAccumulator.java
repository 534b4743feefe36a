package nowcast.training.evaluation;

import java.util.ArrayList;
import java.util.List;

import nowcast.frame.PhysicalField;
import nowcast.frame.Quantity;

/**
 * Collects the protocol's per-lead scores window by window (docs/spec/evaluation-protocol.md, Metrics).
 * A pixel is valid where the truth is valid (finite). MSE and MAE are taken over valid pixels,
 * a missing forecast value counting as 0 on the normalised scale; a window whose truth has no valid
 * pixel at a lead adds nothing to that lead's MSE and MAE. SSIM sees invalid pixels as 0 in both
 * forecast and truth. Events are {@code value >= threshold} in physical units, counted on valid pixels
 * only (a missing forecast value is no event). Not thread-safe.
 */
public final class ScoreAccumulator {

    private final Normalisation normalisation;
    private final float[] thresholds;
    private final double[] sumMse;
    private final double[] sumMae;
    private final int[] errorWindows;
    private final double[] sumSsim;
    private final int[] ssimWindows;
    private final long[][][] counts;

    public ScoreAccumulator(Quantity quantity, float[] thresholds, int leads) {
        if (leads < 1) {
            throw new IllegalArgumentException("leads must be >= 1, got " + leads);
        }
        this.normalisation = Normalisation.of(quantity);
        this.thresholds = thresholds.clone();
        this.sumMse = new double[leads];
        this.sumMae = new double[leads];
        this.errorWindows = new int[leads];
        this.sumSsim = new double[leads];
        this.ssimWindows = new int[leads];
        this.counts = new long[leads][thresholds.length][3];
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
        if (forecast.quantity() != truth.quantity() || truth.quantity() != normalisation.quantity()) {
            throw new IllegalArgumentException("forecast is " + forecast.quantity() + " and truth "
                    + truth.quantity() + " but the scores are for " + normalisation.quantity());
        }
        int k = lead - 1;
        float[] f = forecast.values();
        float[] t = truth.values();
        int n = f.length;
        float[] fn = new float[n];
        float[] tn = new float[n];
        double se = 0;
        double ae = 0;
        int valid = 0;
        long[][] c = counts[k];
        for (int i = 0; i < n; i++) {
            if (Float.isNaN(t[i])) {
                continue;
            }
            float x = normalisation.apply(f[i]);
            float y = normalisation.apply(t[i]);
            fn[i] = x;
            tn[i] = y;
            double d = (double) x - y;
            se += d * d;
            ae += Math.abs(d);
            valid++;
            for (int j = 0; j < thresholds.length; j++) {
                boolean observed = t[i] >= thresholds[j];
                boolean forecasted = f[i] >= thresholds[j];
                if (observed && forecasted) {
                    c[j][0]++;
                } else if (observed) {
                    c[j][1]++;
                } else if (forecasted) {
                    c[j][2]++;
                }
            }
        }
        if (valid > 0) {
            sumMse[k] += se / valid;
            sumMae[k] += ae / valid;
            errorWindows[k]++;
        }
        sumSsim[k] += Ssim.mean(fn, tn, truth.rows(), truth.cols());
        ssimWindows[k]++;
    }

    /** The scores so far, one per lead (NaN where nothing was scored). */
    public List<LeadScore> scores() {
        List<LeadScore> out = new ArrayList<>(leads());
        for (int k = 0; k < leads(); k++) {
            List<Contingency> cs = new ArrayList<>(thresholds.length);
            for (long[] c : counts[k]) {
                cs.add(new Contingency(c[0], c[1], c[2]));
            }
            out.add(new LeadScore(k + 1, sumMse[k] / errorWindows[k], sumMae[k] / errorWindows[k],
                    sumSsim[k] / ssimWindows[k], cs));
        }
        return out;
    }
}
