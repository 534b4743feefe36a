package nowcast.training.evaluation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import nowcast.frame.PhysicalField;
import nowcast.model.Nowcaster;

/**
 * Scores every method on every event and writes the results to a folder: {@code metrics.csv},
 * {@code metrics.md} (the table and what was run), {@code skill.png} (CSI and MSE against lead) and
 * one {@code strip-<event>.png} per event (input, truth and each method's forecast for the wettest
 * window).
 */
public final class EvaluationReport {

    private static final Logger LOG = LoggerFactory.getLogger(EvaluationReport.class);

    /** What was written; {@code scores} in event-major, method-minor order. */
    public record Outputs(List<EventScores> scores, Path csv, Path markdown, Path chart, List<Path> strips) {
    }

    private final Evaluation evaluation;
    private final boolean showProgress;

    public EvaluationReport(Evaluation evaluation, boolean showProgress) {
        this.evaluation = evaluation;
        this.showProgress = showProgress;
    }

    public Outputs run(List<ScoredEvent> events, Map<String, Nowcaster> methods, Path outDir) throws IOException {
        if (methods.isEmpty()) {
            throw new IllegalArgumentException("no nowcaster to evaluate");
        }
        Files.createDirectories(outDir);
        List<EventScores> all = new ArrayList<>();
        List<Path> strips = new ArrayList<>();
        for (ScoredEvent event : events) {
            RadarSequence seq = event.sequence();
            List<EvaluationWindow> windows = EvaluationWindow.all(seq, Evaluation.INPUT_FRAMES, Evaluation.LEADS);
            for (Map.Entry<String, Nowcaster> m : methods.entrySet()) {
                all.add(scoreWithProgress(m.getKey(), m.getValue(), event, windows.size()));
            }
            if (!windows.isEmpty()) {
                strips.add(writeStrip(outDir, event, windows, methods));
            }
        }
        Path csv = outDir.resolve("metrics.csv");
        MetricsCsv.write(csv, all);
        Path md = outDir.resolve("metrics.md");
        Files.writeString(md, markdown(all), StandardCharsets.UTF_8);
        Path chart = outDir.resolve("skill.png");
        SkillChart.write(chart, all);
        LOG.info("evaluation written to {}", outDir);
        return new Outputs(all, csv, md, chart, strips);
    }

    private EventScores scoreWithProgress(String method, Nowcaster nowcaster, ScoredEvent event, int windows) {
        if (!showProgress) {
            return evaluation.score(nowcaster, method, event.sequence(), event.thresholds(), i -> { });
        }
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName(method + " " + event.sequence().name())
                .setInitialMax(windows).setStyle(ProgressBarStyle.ASCII).setUnit(" windows", 1).build()) {
            return evaluation.score(nowcaster, method, event.sequence(), event.thresholds(), bar::stepTo);
        }
    }

    private static Path writeStrip(Path outDir, ScoredEvent event, List<EvaluationWindow> windows,
                                   Map<String, Nowcaster> methods) throws IOException {
        EvaluationWindow example = ForecastStrip.wettestWindow(windows, event.thresholds()[0]);
        Map<String, List<PhysicalField>> forecasts = new LinkedHashMap<>();
        for (Map.Entry<String, Nowcaster> m : methods.entrySet()) {
            forecasts.put(m.getKey(), m.getValue().predict(List.of(example.input())).get(0));
        }
        Path png = outDir.resolve("strip-" + event.sequence().name() + ".png");
        ForecastStrip.write(png, example, forecasts, event.sequence().cadence().toMinutes());
        return png;
    }

    private static String markdown(List<EventScores> all) {
        StringBuilder sb = new StringBuilder("# Evaluation\n\n");
        sb.append("Protocol: docs/spec/evaluation-protocol.md (10 input frames, 10 leads, all windows; MSE, MAE and SSIM on ")
                .append("normalised values, CSI from hits, misses and false alarms summed over windows).\n\n");
        sb.append(MetricsMarkdown.table(all)).append('\n').append(MetricsMarkdown.thresholdNote(all)).append("\n\n");
        sb.append("| method | event | windows | predict ms/window |\n|---|---|---|---|\n");
        for (EventScores s : all) {
            sb.append("| ").append(s.method()).append(" | ").append(s.event()).append(" | ").append(s.windows())
                    .append(" | ").append(String.format(Locale.ROOT, "%.1f", s.predictMillisPerWindow()))
                    .append(" |\n");
        }
        return sb.toString();
    }
}
