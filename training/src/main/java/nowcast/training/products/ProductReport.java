package nowcast.training.products;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import nowcast.model.Nowcaster;
import nowcast.products.Accumulation;
import nowcast.products.Calibration;
import nowcast.products.CalibrationFit;
import nowcast.products.ProbabilityScores;
import nowcast.training.evaluation.Evaluation;
import nowcast.training.evaluation.EvaluationWindow;
import nowcast.training.evaluation.ScoredEvent;

/**
 * {@code nowcast evaluate --products}: verifies every method's products on every event and writes
 * {@code products.csv} (Brier score and skill per threshold and lead), {@code reliability.csv} (the
 * reliability tables), {@code products.md} (the summary table) and {@code reliability.png} (reliability
 * diagrams). Three calibrations are scored: the one in use ({@code calibrated}), the raw neighbourhood
 * fractions ({@code raw}) and, with two events or more, a fit on the method's other events
 * ({@code held_out}: leave one event out). With a fit file, a calibration fitted on all events of the
 * first method is written there.
 */
public final class ProductReport {

    /** What was written. */
    public record Outputs(List<EventProductScores> scores, Path csv, Path reliabilityCsv, Path markdown, Path chart,
                          Path fitted) {
    }

    private final ProductEvaluation evaluation;
    private final Calibration calibration;
    private final boolean showProgress;

    public ProductReport(int batchSize, Calibration calibration, boolean showProgress) {
        this.evaluation = new ProductEvaluation(batchSize, calibration);
        this.calibration = calibration;
        this.showProgress = showProgress;
    }

    public Outputs run(List<ScoredEvent> events, Map<String, Nowcaster> methods, Path outDir, Path fitFile)
            throws IOException {
        Files.createDirectories(outDir);
        List<EventProductScores> all = new ArrayList<>();
        for (ScoredEvent event : events) {
            int windows = EvaluationWindow.all(event.sequence(), Evaluation.INPUT_FRAMES, Evaluation.LEADS).size();
            for (Map.Entry<String, Nowcaster> m : methods.entrySet()) {
                all.add(score(m.getKey(), m.getValue(), event, windows));
            }
        }
        Path csv = outDir.resolve("products.csv");
        Path reliabilityCsv = outDir.resolve("reliability.csv");
        Path md = outDir.resolve("products.md");
        Path png = outDir.resolve("reliability.png");
        List<Row> rows = rows(all);
        Files.writeString(csv, csv(rows), StandardCharsets.UTF_8);
        Files.writeString(reliabilityCsv, reliabilityCsv(all), StandardCharsets.UTF_8);
        Files.writeString(md, markdown(all, rows), StandardCharsets.UTF_8);
        ReliabilityChart.write(png, all);
        Path fitted = null;
        if (fitFile != null && !all.isEmpty()) {
            String method = all.get(0).method();
            CalibrationFit fit = new CalibrationFit(calibration);
            List<String> names = new ArrayList<>();
            for (EventProductScores s : all) {
                if (s.method().equals(method)) {
                    s.addTo(fit);
                    names.add(s.event());
                }
            }
            Calibration c = fit.fit("platt-" + method + "-" + String.join("+", names));
            if (fitFile.getParent() != null) {
                Files.createDirectories(fitFile.getParent());
            }
            Files.write(fitFile, c.toJson("Platt scaling of the neighbourhood fractions of '" + method
                    + "' forecasts on " + String.join(", ", names) + " (nowcast evaluate --products --fit-calibration)"));
            fitted = fitFile;
        }
        return new Outputs(all, csv, reliabilityCsv, md, png, fitted);
    }

    private EventProductScores score(String method, Nowcaster nowcaster, ScoredEvent event, int windows) {
        if (!showProgress) {
            return evaluation.score(nowcaster, method, event, i -> { });
        }
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("products " + method + " "
                + event.sequence().name()).setInitialMax(windows).setStyle(ProgressBarStyle.ASCII)
                .setUnit(" windows", 1).build()) {
            return evaluation.score(nowcaster, method, event, bar::stepTo);
        }
    }

    /** One line of products.csv: a method, event, threshold and lead ("all" pools the leads). */
    record Row(EventProductScores source, int threshold, String lead, String leadMinutes, ProbabilityScores calibrated,
               ProbabilityScores raw, ProbabilityScores heldOut) {
    }

    private List<Row> rows(List<EventProductScores> all) {
        Calibration identity = Calibration.identity(calibration.halfWidthAt0(), calibration.halfWidthPerHour());
        List<Row> rows = new ArrayList<>();
        for (EventProductScores s : all) {
            ProbabilityScores[][] raw = s.scoredWith(identity);
            ProbabilityScores[][] heldOut = heldOut(all, s);
            for (int t = 0; t < s.thresholds().length; t++) {
                for (int k = 0; k < s.leads(); k++) {
                    rows.add(new Row(s, t, Integer.toString(k + 1), fmt(s.leadMinutes(k), "%.0f"), s.calibrated()[t][k],
                            raw[t][k], heldOut == null ? null : heldOut[t][k]));
                }
                rows.add(new Row(s, t, "all", "", EventProductScores.pooled(s.calibrated()[t]),
                        EventProductScores.pooled(raw[t]),
                        heldOut == null ? null : EventProductScores.pooled(heldOut[t])));
            }
        }
        return rows;
    }

    /** Scores of {@code s} under a calibration fitted on the same method's other events; null without any. */
    private ProbabilityScores[][] heldOut(List<EventProductScores> all, EventProductScores s) {
        CalibrationFit fit = new CalibrationFit(calibration);
        boolean any = false;
        for (EventProductScores other : all) {
            if (other.method().equals(s.method()) && !other.event().equals(s.event())) {
                other.addTo(fit);
                any = true;
            }
        }
        return any ? s.scoredWith(fit.fit("held-out")) : null;
    }

    private static String csv(List<Row> rows) {
        StringBuilder sb = new StringBuilder(
                "method,event,thr,lead,lead_min,pixels,base_rate,brier,brier_clim,bss,bss_raw,bss_held_out\n");
        for (Row r : rows) {
            EventProductScores s = r.source();
            sb.append(s.method()).append(',').append(s.event()).append(',')
                    .append(fmt(s.thresholds()[r.threshold()], "%s")).append(',').append(r.lead()).append(',')
                    .append(r.leadMinutes()).append(',').append(r.calibrated().count()).append(',')
                    .append(fmt(r.calibrated().baseRate(), "%.5f")).append(',')
                    .append(fmt(r.calibrated().brier(), "%.6f")).append(',')
                    .append(fmt(r.calibrated().climatologyBrier(), "%.6f")).append(',')
                    .append(fmt(r.calibrated().brierSkill(), "%.4f")).append(',')
                    .append(fmt(r.raw().brierSkill(), "%.4f")).append(',')
                    .append(r.heldOut() == null ? "nan" : fmt(r.heldOut().brierSkill(), "%.4f")).append('\n');
        }
        return sb.toString();
    }

    private static String reliabilityCsv(List<EventProductScores> all) {
        StringBuilder sb = new StringBuilder("method,event,thr,bin_from,bin_to,forecasts,mean_probability,observed_frequency\n");
        for (EventProductScores s : all) {
            for (int t = 0; t < s.thresholds().length; t++) {
                ProbabilityScores p = EventProductScores.pooled(s.calibrated()[t]);
                for (int b = 0; b < ProbabilityScores.BINS; b++) {
                    sb.append(s.method()).append(',').append(s.event()).append(',')
                            .append(fmt(s.thresholds()[t], "%s")).append(',')
                            .append(fmt((double) b / ProbabilityScores.BINS, "%.1f")).append(',')
                            .append(fmt((double) (b + 1) / ProbabilityScores.BINS, "%.1f")).append(',')
                            .append(p.binCount(b)).append(',').append(fmt(p.binMeanProbability(b), "%.4f")).append(',')
                            .append(fmt(p.binObservedFrequency(b), "%.4f")).append('\n');
                }
            }
        }
        return sb.toString();
    }

    private String markdown(List<EventProductScores> all, List<Row> rows) {
        StringBuilder sb = new StringBuilder("# Forecast products\n\n");
        sb.append("Exceedance probabilities: neighbourhood fraction of the forecast (half-width ")
                .append(fmt(calibration.halfWidthAt0(), "%.1f")).append(" + ")
                .append(fmt(calibration.halfWidthPerHour(), "%.1f"))
                .append(" x lead/60 min pixels, rounded) through the calibration '").append(calibration.name())
                .append("'. Brier skill score against the sample climatology of each event, threshold and lead ")
                .append("(BSS = 1 - BS / (o(1 - o)), o = observed frequency); `all` pools the ten leads. ")
                .append("`raw`: the neighbourhood fractions without calibration; `held-out`: calibrated by a fit ")
                .append("on the method's other events (leave one event out).\n\n");
        sb.append("| method | event | threshold | base rate | BSS lead 1 | BSS lead 6 | BSS lead 10 | BSS all | ")
                .append("BSS all, raw | BSS all, held-out |\n|---|---|---|---|---|---|---|---|---|---|\n");
        for (EventProductScores s : all) {
            for (int t = 0; t < s.thresholds().length; t++) {
                int th = t;
                List<Row> mine = rows.stream().filter(r -> r.source() == s && r.threshold() == th).toList();
                Row pooled = mine.get(mine.size() - 1);
                sb.append("| ").append(s.method()).append(" | ").append(s.event()).append(" | ")
                        .append(fmt(s.thresholds()[t], "%s")).append(' ').append(s.quantity().unit()).append(" | ")
                        .append(fmt(pooled.calibrated().baseRate(), "%.4f")).append(" | ")
                        .append(bss(mine.get(0).calibrated())).append(" | ")
                        .append(bss(mine.get(Math.min(5, mine.size() - 2)).calibrated())).append(" | ")
                        .append(bss(mine.get(mine.size() - 2).calibrated())).append(" | ")
                        .append(bss(pooled.calibrated())).append(" | ").append(bss(pooled.raw())).append(" | ")
                        .append(pooled.heldOut() == null ? "–" : bss(pooled.heldOut())).append(" |\n");
            }
        }
        sb.append("\nAccumulation (mm) over the pixels with valid truth; the truth accumulation is made from the ")
                .append("truth frames by the same rule. With 5-minute frames the ten leads cover 50 minutes: the ")
                .append("60-minute window holds the last lead for its last 10 minutes in forecast and truth alike.\n\n")
                .append("| method | event | window | mean observed | MAE | bias |\n|---|---|---|---|---|---|\n");
        for (EventProductScores s : all) {
            if (s.accumulations() == null) {
                continue;
            }
            for (int a = 0; a < s.accumulations().length; a++) {
                AccumulationScores acc = s.accumulations()[a];
                sb.append("| ").append(s.method()).append(" | ").append(s.event()).append(" | ")
                        .append(Accumulation.STANDARD_MINUTES.get(a)).append(" min | ")
                        .append(fmt(acc.meanObserved(), "%.3f")).append(" | ").append(fmt(acc.mae(), "%.3f"))
                        .append(" | ").append(fmt(acc.bias(), "%+.3f")).append(" |\n");
            }
        }
        return sb.toString();
    }

    private static String bss(ProbabilityScores s) {
        double v = s.brierSkill();
        return Double.isNaN(v) ? "–" : fmt(v, "%.3f");
    }

    private static String fmt(double v, String pattern) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if ("%s".equals(pattern)) {
            return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
        }
        return String.format(Locale.ROOT, pattern, v);
    }
}
