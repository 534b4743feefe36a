package nowcast.training.products;

import nowcast.frame.PhysicalField;

/**
 * Forecast against observed rain accumulation (mm) over the pixels where the observation is valid:
 * mean absolute error, bias (forecast minus observed) and the mean observed depth. A forecast pixel
 * without data counts as no rain, as in the protocol's scores.
 */
public final class AccumulationScores {

    private long n;
    private double absError;
    private double error;
    private double observed;

    public void add(PhysicalField forecast, PhysicalField truth) {
        float[] f = forecast.values();
        float[] o = truth.values();
        for (int i = 0; i < o.length; i++) {
            if (Float.isNaN(o[i])) {
                continue;
            }
            double p = Float.isNaN(f[i]) ? 0 : f[i];
            n++;
            absError += Math.abs(p - o[i]);
            error += p - o[i];
            observed += o[i];
        }
    }

    public double mae() {
        return n == 0 ? Double.NaN : absError / n;
    }

    public double bias() {
        return n == 0 ? Double.NaN : error / n;
    }

    public double meanObserved() {
        return n == 0 ? Double.NaN : observed / n;
    }
}
