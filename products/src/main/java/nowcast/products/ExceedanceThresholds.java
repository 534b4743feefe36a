package nowcast.products;

import java.util.List;

import nowcast.frame.Quantity;
import nowcast.frame.VilPixelScale;
import nowcast.scoring.ScoringRules;

/**
 * The thresholds a source's exceedance probabilities are given for, in the quantity's own unit: the
 * verification thresholds of the protocol ({@link ScoringRules}), so that a probability and the score
 * of the same event speak of one threshold; VIL's are on the SEVIR pixel scale there and turned into
 * kg/m^2 here. Visible and grey-level imagery have none.
 */
public final class ExceedanceThresholds {

    private ExceedanceThresholds() {
    }

    public static List<Double> forQuantity(Quantity quantity) {
        List<Double> verification = ScoringRules.forQuantity(quantity).thresholds();
        return quantity == Quantity.VIL ? verification.stream().map(VilPixelScale::toKgPerM2).toList() : verification;
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
