package nowcast.training.products;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

import nowcast.frame.PhysicalField;
import nowcast.model.Nowcaster;
import nowcast.products.Accumulation;
import nowcast.products.Calibration;
import nowcast.products.CalibrationFit;
import nowcast.products.Exceedance;
import nowcast.products.NeighbourhoodFraction;
import nowcast.products.ProbabilityScores;
import nowcast.products.RainAmounts;
import nowcast.training.evaluation.Evaluation;
import nowcast.training.evaluation.EvaluationWindow;
import nowcast.training.evaluation.ScoredEvent;

/**
 * Verifies the forecast products of a nowcaster on one event, window by window as the protocol's
 * evaluation does: the exceedance probabilities of each event threshold at each lead against whether
 * the truth reached it (valid truth pixels only), and the 30- and 60-minute accumulations against the
 * accumulations of the truth frames (computed by the same rule). The products come from the
 * nowcaster's output fields only, as the sink makes them.
 */
public final class ProductEvaluation {

    private final int batchSize;
    private final Calibration calibration;

    public ProductEvaluation(int batchSize, Calibration calibration) {
        this.batchSize = batchSize;
        this.calibration = calibration;
    }

    public EventProductScores score(Nowcaster nowcaster, String method, ScoredEvent event, IntConsumer progress) {
        var sequence = event.sequence();
        float[] thresholds = event.thresholds();
        int leads = Evaluation.LEADS;
        List<EvaluationWindow> windows = EvaluationWindow.all(sequence, Evaluation.INPUT_FRAMES, leads);
        if (windows.isEmpty()) {
            throw new IllegalArgumentException("event " + sequence.name() + " has " + sequence.size()
                    + " frames and no run of " + (Evaluation.INPUT_FRAMES + leads) + " consecutive ones to score");
        }
        Duration cadence = sequence.cadence();
        List<Duration> leadTimes = new ArrayList<>();
        for (int k = 1; k <= leads; k++) {
            leadTimes.add(cadence.multipliedBy(k));
        }
        List<Double> thresholdList = new ArrayList<>();
        for (float t : thresholds) {
            thresholdList.add((double) t);
        }
        ProbabilityScores[][] scores = new ProbabilityScores[thresholds.length][leads];
        long[][][][] histograms = new long[thresholds.length][leads][2][CalibrationFit.DRY_BIN + 1];
        for (int t = 0; t < thresholds.length; t++) {
            for (int k = 0; k < leads; k++) {
                scores[t][k] = new ProbabilityScores();
            }
        }
        boolean rain = RainAmounts.supports(sequence.quantity());
        AccumulationScores[] acc = rain ? new AccumulationScores[Accumulation.STANDARD_MINUTES.size()] : null;
        if (rain) {
            for (int a = 0; a < acc.length; a++) {
                acc[a] = new AccumulationScores();
            }
        }
        for (int from = 0; from < windows.size(); from += batchSize) {
            List<EvaluationWindow> batch = windows.subList(from, Math.min(from + batchSize, windows.size()));
            List<List<PhysicalField>> forecasts = nowcaster.predict(batch.stream().map(EvaluationWindow::input)
                    .toList());
            for (int w = 0; w < batch.size(); w++) {
                List<PhysicalField> forecast = forecasts.get(w).subList(0, leads);
                List<PhysicalField> truth = batch.get(w).truth();
                // the probabilities exactly as the sink makes them
                Exceedance calibrated = Exceedance.of(forecast, leadTimes, thresholdList, null, calibration);
                for (int k = 0; k < leads; k++) {
                    double minutes = leadTimes.get(k).toMillis() / 60_000.0;
                    PhysicalField observed = truth.get(k);
                    for (int t = 0; t < thresholds.length; t++) {
                        float[] f = NeighbourhoodFraction.of(forecast.get(k), thresholds[t],
                                calibration.halfWidth(minutes));
                        float[] outer = NeighbourhoodFraction.of(forecast.get(k), thresholds[t],
                                calibration.outerHalfWidth(minutes));
                        float[] p = calibrated.probability(t, k);
                        long[][] h = histograms[t][k];
                        float[] o = observed.values();
                        for (int i = 0; i < f.length; i++) {
                            if (Float.isNaN(o[i * observed.channels()])) {
                                continue;
                            }
                            // no forecast exceedance in the outer square: probability 0 whatever the fit;
                            // a forecast without data there says "no event"
                            int bin = !(outer[i] > 0f) ? CalibrationFit.DRY_BIN
                                    : CalibrationFit.bin(Float.isNaN(f[i]) ? 0f : f[i]);
                            h[0][bin]++;
                            if (o[i * observed.channels()] >= thresholds[t]) {
                                h[1][bin]++;
                            }
                        }
                        scores[t][k].add(p, o, observed.channels(), thresholds[t]);
                    }
                }
                if (rain) {
                    for (int a = 0; a < acc.length; a++) {
                        int minutes = Accumulation.STANDARD_MINUTES.get(a);
                        acc[a].add(Accumulation.of(forecast, leadTimes, minutes).millimetres(),
                                Accumulation.of(truth, leadTimes, minutes).millimetres());
                    }
                }
            }
            progress.accept(from + batch.size());
        }
        return new EventProductScores(method, sequence.name(), sequence.quantity(), thresholds, cadence,
                windows.size(), scores, histograms, acc);
    }
}
