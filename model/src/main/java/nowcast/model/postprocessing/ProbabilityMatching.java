package nowcast.model.postprocessing;

import java.util.Arrays;

/**
 * Non-parametric probability matching (as pySTEPS' {@code nonparam_match_empirical_cdf} in S-PROG
 * and STEPS): the forecast keeps its spatial ranking but takes the value distribution of a
 * reference field, usually the last observation. A forecast trained on squared errors smooths rain
 * out (too wide, too weak, its wet area shrinking under a threshold as lead time grows); matching
 * restores the observed wet-area fraction and intensities while keeping the forecast's placement.
 */
public final class ProbabilityMatching {

    private ProbabilityMatching() {
    }

    /**
     * @param ranking values whose order places the result (e.g. the network's raw, unclamped output,
     *        which has no ties where a clamped field would be flat at zero)
     * @param reference the field whose distribution the result takes; NaN (no data) is left out
     * @return a field with the reference's sorted values assigned in the order of {@code ranking};
     *         when the reference has fewer valid values, its empirical quantiles are used; a reference
     *         with no valid value returns null
     */
    public static float[] match(float[] ranking, float[] reference) {
        float[] sorted = new float[reference.length];
        int valid = 0;
        for (float v : reference) {
            if (!Float.isNaN(v)) {
                sorted[valid++] = v;
            }
        }
        if (valid == 0) {
            return null;
        }
        Arrays.sort(sorted, 0, valid);
        int n = ranking.length;
        // order pixels by ranking with a primitive sort: (order-preserving int of the float, index)
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            int bits = Float.floatToIntBits(ranking[i] == 0f ? 0f : ranking[i]);
            int ordered = bits >= 0 ? bits : bits ^ Integer.MAX_VALUE;
            keys[i] = ((long) ordered << 32) | i;
        }
        Arrays.sort(keys);
        float[] out = new float[n];
        for (int k = 0; k < n; k++) {
            int q = n == valid ? k : (int) Math.min(valid - 1, (long) ((k + 0.5) * valid / n));
            out[(int) keys[k]] = sorted[q];
        }
        return out;
    }
}
