package nowcast.training.evaluation;

import nowcast.frame.Quantity;

/**
 * The 0..1 scale MSE, MAE and SSIM are computed on (docs/spec/evaluation-protocol.md, Normalisation):
 * rain rate clip(R, 0, 100 mm/h) / 100, reflectivity clip(dBZ, 0, 70) / 70. Missing values
 * (NaN) map to 0.
 */
public record Normalisation(Quantity quantity, float max) {

    public static Normalisation of(Quantity quantity) {
        return switch (quantity) {
            case RAIN_RATE -> new Normalisation(quantity, 100f);
            case REFLECTIVITY -> new Normalisation(quantity, 70f);
            default -> throw new IllegalArgumentException("the benchmark protocol scores rain rate (mm/h) and "
                    + "reflectivity (dBZ) only, not " + quantity + " (" + quantity.unit() + ")");
        };
    }

    public float apply(float value) {
        if (Float.isNaN(value)) {
            return 0f;
        }
        return Math.min(Math.max(value, 0f), max) / max;
    }
}
