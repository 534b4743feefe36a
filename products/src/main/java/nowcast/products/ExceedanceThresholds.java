package nowcast.products;

import java.util.List;

import nowcast.frame.Quantity;

/**
 * The thresholds a source's exceedance probabilities are given for, in the quantity's own unit: rain
 * rate 1, 5, 10 mm/h; accumulation 1, 5, 10 mm; reflectivity 20, 30, 40 dBZ (the verification
 * thresholds of the protocol); VIL the SEVIR pixel levels 16, 74, 133, 160, 181, 219 turned into
 * kg/m^2. Visible and grey-level imagery have none.
 */
public final class ExceedanceThresholds {

    private static final double[] VIL_PIXELS = {16, 74, 133, 160, 181, 219};

    private ExceedanceThresholds() {
    }

    public static List<Double> forQuantity(Quantity quantity) {
        return switch (quantity) {
            case RAIN_RATE, ACCUMULATION -> List.of(1.0, 5.0, 10.0);
            case REFLECTIVITY -> List.of(20.0, 30.0, 40.0);
            case VIL -> java.util.Arrays.stream(VIL_PIXELS).map(ExceedanceThresholds::vilKgPerM2).boxed().toList();
            case VISIBLE, GREY_LEVEL -> List.of();
        };
    }

    /** The SEVIR pixel encoding inverted: kg/m^2 at pixel value p (p > 5). */
    static double vilKgPerM2(double pixel) {
        return pixel <= 18 ? (pixel - 2) / 90.66 : Math.exp((pixel - 83.9) / 38.9);
    }

    /**
     * The calibration rank of any threshold: the index of the largest standard threshold at or below
     * it (0 below the first), so a rule's own threshold borrows the calibration of its neighbour.
     */
    public static int rankOf(Quantity quantity, double threshold) {
        List<Double> standard = forQuantity(quantity);
        int rank = 0;
        for (int i = 0; i < standard.size(); i++) {
            if (threshold >= standard.get(i)) {
                rank = i;
            }
        }
        return rank;
    }
}
