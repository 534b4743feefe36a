package nowcast.sink.web;

import java.util.ArrayList;
import java.util.List;

import nowcast.products.ProbabilityScores;
import nowcast.scoring.Contingency;
import nowcast.sink.verify.ExceedanceScore;
import nowcast.sink.verify.LeadAggregate;

/**
 * The rolling scores of one source: the {@code scores} event and {@code GET /api/sources/{id}/scores}
 * (docs/sink.md, "HTTP API"). Scores that are undefined or not finite are null.
 */
public record ScoresDocument(String sourceId, List<Lead> leads) {

    /** One method at one lead over the rolling window. */
    public record Lead(String method, int leadIndex, Long leadSeconds, int count, Double mse, Double mae,
                       List<Category> categories, List<Exceedance> exceedance) {
    }

    /** Contingency counts at one threshold and the scores derived from them. */
    public record Category(double threshold, long hits, long misses, long falseAlarms, Double csi, Double pod,
                           Double far) {
    }

    /** Verification of the exceedance probabilities of one threshold. */
    public record Exceedance(double threshold, long pixels, Double baseRate, Double brier, Double brierClimatology,
                             Double bss, List<Bin> reliability) {
    }

    /** One bin of the reliability table. */
    public record Bin(double from, double to, long count, Double meanProbability, Double observedFrequency) {
    }

    public static ScoresDocument of(String sourceId, List<LeadAggregate> aggregates) {
        List<Lead> leads = new ArrayList<>();
        for (LeadAggregate a : aggregates) {
            List<Category> categories = new ArrayList<>();
            for (Contingency t : a.categories()) {
                categories.add(new Category(t.threshold(), t.hits(), t.misses(), t.falseAlarms(),
                        Contingency.definedOrNull(t.csi()), Contingency.definedOrNull(t.pod()),
                        Contingency.definedOrNull(t.far())));
            }
            List<Exceedance> exceedance = new ArrayList<>();
            for (ExceedanceScore e : a.exceedance()) {
                ProbabilityScores p = e.scores();
                List<Bin> bins = new ArrayList<>();
                for (int b = 0; b < ProbabilityScores.BINS; b++) {
                    bins.add(new Bin((double) b / ProbabilityScores.BINS, (double) (b + 1) / ProbabilityScores.BINS,
                            p.binCount(b), DashboardJson.finite(p.binMeanProbability(b)), DashboardJson.finite(p.binObservedFrequency(b))));
                }
                exceedance.add(new Exceedance(e.threshold(), p.count(), DashboardJson.finite(p.baseRate()), DashboardJson.finite(p.brier()),
                        DashboardJson.finite(p.climatologyBrier()), DashboardJson.finite(p.brierSkill()), bins));
            }
            leads.add(new Lead(a.method(), a.leadIndex(), a.lead() == null ? null : a.lead().toSeconds(), a.count(),
                    DashboardJson.finite(a.mse()), DashboardJson.finite(a.mae()), categories, exceedance));
        }
        return new ScoresDocument(sourceId, leads);
    }
}
