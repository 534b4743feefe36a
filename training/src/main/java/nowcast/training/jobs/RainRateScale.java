package nowcast.training.jobs;

import ai.djl.ndarray.NDArray;
import nowcast.frame.Quantity;
import nowcast.model.autograd.GraphScalar;
import nowcast.model.gs2pm.Normalisation;

/**
 * Model values on a dBZ scale turned into Marshall-Palmer rain rate (Z = 200 R^1.6) on the
 * evaluation protocol's scale, mm/h / 100 clipped to [0, 1], as a differentiable array expression.
 * The official loss weighs a dBZ of error the same at 20 dBZ and at 50 dBZ, where it is 100 times
 * more rain; the protocol's MSE on rain rate does not, and this term lets training see that.
 */
record RainRateScale(double minDbz, double maxDbz) {

    /** The protocol's rain-rate range: clip(R, 0, 100 mm/h) / 100. */
    private static final double MAX_RATE = 100;

    static RainRateScale of(Normalisation main) {
        boolean dbzScale = Normalisation.RAIN_RATE_DBZ.equals(main.transform())
                || (main.quantity() == Quantity.REFLECTIVITY && main.transform().equals("linear"));
        if (!dbzScale) {
            throw new IllegalArgumentException("the rain-rate loss needs a model whose values are on a dBZ scale; this one maps "
                    + main.quantity() + " with '" + main.transform() + "'");
        }
        return new RainRateScale(main.min(), main.max());
    }

    /** The threshold loss at thresholds given in dBZ, placed on this model scale. */
    ThresholdLoss thresholds(float[] dbz) {
        float[] scaled = new float[dbz.length];
        for (int i = 0; i < dbz.length; i++) {
            scaled[i] = (float) ((dbz[i] - minDbz) / (maxDbz - minDbz));
        }
        // 1.5 dBZ: soft enough for gradients to reach pixels a few dBZ away, sharp enough to count events
        return new ThresholdLoss(scaled, (float) (1.5 / (maxDbz - minDbz)));
    }

    /** R / 100 mm/h in [0, 1] of model values; model values at or below 0 are no rain. */
    NDArray of(NDArray model) {
        // R = (10^(dBZ/10) / A)^(1/B) = exp(ln10/(10 B) * dBZ - ln(A)/B), dBZ = min + y (max - min)
        double k = Math.log(10) / (10 * Normalisation.MARSHALL_PALMER_B);
        NDArray dbz = model.mul(GraphScalar.of(model, (float) (maxDbz - minDbz))).add(GraphScalar.of(model, (float) minDbz));
        NDArray exponent = dbz.mul(GraphScalar.of(model, (float) k))
                .sub(GraphScalar.of(model, (float) (Math.log(Normalisation.MARSHALL_PALMER_A) / Normalisation.MARSHALL_PALMER_B)));
        NDArray rate = exponent.exp().div(GraphScalar.of(model, (float) MAX_RATE));
        return rate.minimum(GraphScalar.of(model, 1f)).mul(model.gt(0f).toType(model.getDataType(), false));
    }
}
