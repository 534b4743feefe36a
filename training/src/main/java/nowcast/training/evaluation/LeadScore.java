package nowcast.training.evaluation;

import java.util.List;

import nowcast.scoring.Contingency;

/**
 * The scores of one lead: MSE, MAE and SSIM on the normalised scale averaged over windows, and one
 * {@link Contingency} per threshold summed over windows. {@code lead} counts frame steps from 1.
 */
public record LeadScore(int lead, double mse, double mae, double ssim, List<Contingency> contingencies) {

    public LeadScore {
        contingencies = List.copyOf(contingencies);
    }
}
