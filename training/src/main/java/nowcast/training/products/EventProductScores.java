package nowcast.training.products;

import java.time.Duration;

import nowcast.frame.Quantity;
import nowcast.products.Calibration;
import nowcast.products.CalibrationFit;
import nowcast.products.ProbabilityScores;

/**
 * The product scores of one method on one event: per threshold and lead, the exact scores of the
 * probabilities as the given calibration makes them, and the histogram of raw neighbourhood fractions
 * against outcomes, from which other calibrations (the raw fractions, a fit on other events) are
 * scored; plus the 30- and 60-minute accumulation scores (null for quantities without rain amounts).
 */
public record EventProductScores(String method, String event, Quantity quantity, float[] thresholds,
                                 Duration cadence, int windows, ProbabilityScores[][] calibrated,
                                 long[][][][] histograms, AccumulationScores[] accumulations) {

    public double leadMinutes(int lead) {
        return (lead + 1) * cadence.toMillis() / 60_000.0;
    }

    public int leads() {
        return calibrated[0].length;
    }

    /** The raw-fraction histograms of this event in a fit. */
    public void addTo(CalibrationFit fit) {
        for (int t = 0; t < thresholds.length; t++) {
            for (int k = 0; k < leads(); k++) {
                fit.addHistogram(quantity, t, leadMinutes(k), histograms[t][k][0], histograms[t][k][1]);
            }
        }
    }

    /** Scores of the probabilities another calibration would give, from the histograms. */
    public ProbabilityScores[][] scoredWith(Calibration calibration) {
        ProbabilityScores[][] out = new ProbabilityScores[thresholds.length][leads()];
        for (int t = 0; t < thresholds.length; t++) {
            for (int k = 0; k < leads(); k++) {
                ProbabilityScores s = new ProbabilityScores();
                for (int b = 0; b <= CalibrationFit.DRY_BIN; b++) {
                    double p = b == CalibrationFit.DRY_BIN ? 0
                            : calibration.probability(quantity, t, leadMinutes(k), CalibrationFit.fractionOf(b));
                    s.add(p, histograms[t][k][0][b], histograms[t][k][1][b]);
                }
                out[t][k] = s;
            }
        }
        return out;
    }

    /** All leads of one threshold pooled. */
    public static ProbabilityScores pooled(ProbabilityScores[] leads) {
        ProbabilityScores all = new ProbabilityScores();
        for (ProbabilityScores s : leads) {
            all.addAll(s);
        }
        return all;
    }
}
