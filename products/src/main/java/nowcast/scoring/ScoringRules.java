package nowcast.scoring;

import java.util.List;

import nowcast.frame.Quantity;
import nowcast.frame.VilPixelScale;

/**
 * How fields of one quantity are scored (docs/spec/evaluation-protocol.md): the normalisation MSE, MAE
 * and SSIM are computed on, and the event thresholds of the contingency scores. Rain rate is
 * clip(R, 0, 100 mm/h) / 100 with thresholds 1, 5, 10 mm/h; reflectivity clip(dBZ, 0, 70) / 70 with
 * 20, 30, 40 dBZ; VIL on the SEVIR pixel scale / 255 with its pixel thresholds; accumulation like rain
 * rate (mm); visible and grey-level imagery (0-1) get MSE/MAE only. Online verification (sink) and
 * offline evaluation ({@code nowcast evaluate}) both score through this class.
 */
public record ScoringRules(Quantity quantity, List<Double> thresholds, String thresholdUnit) {

    public ScoringRules {
        thresholds = List.copyOf(thresholds);
    }

    public static ScoringRules forQuantity(Quantity quantity) {
        return switch (quantity) {
            case RAIN_RATE -> new ScoringRules(quantity, List.of(1.0, 5.0, 10.0), "mm/h");
            case ACCUMULATION -> new ScoringRules(quantity, List.of(1.0, 5.0, 10.0), "mm");
            case REFLECTIVITY -> new ScoringRules(quantity, List.of(20.0, 30.0, 40.0), "dBZ");
            case VIL -> new ScoringRules(quantity,
                    VilPixelScale.PIXEL_THRESHOLDS.stream().map(Integer::doubleValue).toList(), "SEVIR pixel scale");
            case VISIBLE, GREY_LEVEL -> new ScoringRules(quantity, List.of(), "1");
        };
    }

    /** The same normalisation with other event thresholds (on the same scale as {@link #eventScale}). */
    public ScoringRules withThresholds(List<Double> other) {
        return new ScoringRules(quantity, other, thresholdUnit);
    }

    /** The value thresholds are compared with: the physical value, or its SEVIR pixel value for VIL; NaN stays NaN (no event). */
    public double eventScale(float physical) {
        return quantity == Quantity.VIL ? VilPixelScale.fromKgPerM2(physical) : physical;
    }

    /**
     * The value MSE, MAE and SSIM are computed on, in [0, 1]; a missing value (NaN) is 0 (no echo).
     * Single precision like the fields: SSIM works on these values as floats, and MSE/MAE must see
     * the same ones.
     */
    public float normalise(float physical) {
        if (Float.isNaN(physical)) {
            return 0f;
        }
        return switch (quantity) {
            case RAIN_RATE, ACCUMULATION -> clip(physical, 100f) / 100f;
            case REFLECTIVITY -> clip(physical, 70f) / 70f;
            case VIL -> (float) (VilPixelScale.fromKgPerM2(physical) / 255);
            case VISIBLE, GREY_LEVEL -> clip(physical, 1f);
        };
    }

    private static float clip(float v, float hi) {
        return Math.min(Math.max(v, 0f), hi);
    }
}
