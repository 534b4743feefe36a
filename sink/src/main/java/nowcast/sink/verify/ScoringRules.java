package nowcast.sink.verify;

import java.util.List;

import nowcast.frame.Quantity;
import nowcast.frame.VilPixelScale;

/**
 * Normalisation and event thresholds of a quantity, after BENCHMARK-PROTOCOL.md: rain rate
 * clip(R, 0, 100)/100 with thresholds 1, 5, 10 mm/h; reflectivity clip(dBZ, 0, 70)/70 with 20, 30,
 * 40 dBZ; VIL on the SEVIR pixel scale /255 with 16, 74, 133, 160, 181, 219. Accumulation is scored
 * like rain rate (mm); visible and grey-level imagery (0-1) get MSE/MAE only.
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
            case VIL -> new ScoringRules(quantity, List.of(16.0, 74.0, 133.0, 160.0, 181.0, 219.0),
                    "SEVIR pixel scale");
            case VISIBLE, GREY_LEVEL -> new ScoringRules(quantity, List.of(), "1");
        };
    }

    /** The value thresholds are compared with: the physical value, or its SEVIR pixel value for VIL. */
    public double eventScale(float physical) {
        return quantity == Quantity.VIL ? VilPixelScale.fromKgPerM2(physical) : physical;
    }

    /** The value MSE and MAE are computed on, in [0, 1]. */
    public double normalise(float physical) {
        return switch (quantity) {
            case RAIN_RATE, ACCUMULATION -> clip(physical, 0, 100) / 100;
            case REFLECTIVITY -> clip(physical, 0, 70) / 70;
            case VIL -> VilPixelScale.fromKgPerM2(physical) / 255;
            case VISIBLE, GREY_LEVEL -> clip(physical, 0, 1);
        };
    }

    private static double clip(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
