package nowcast.app.evaluate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import nowcast.app.device.DeviceOption;
import nowcast.ingestion.readers.FrameReaders;
import nowcast.model.Nowcaster;
import nowcast.model.NowcasterOptions;
import nowcast.model.Nowcasters;
import nowcast.training.evaluation.BenchmarkEvent;
import nowcast.training.evaluation.Evaluation;
import nowcast.training.evaluation.EvaluationReport;
import nowcast.training.evaluation.RadarSequence;
import nowcast.training.evaluation.ScoredEvent;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code nowcast evaluate}: scores nowcasters on a radar archive with BENCHMARK-PROTOCOL.md and
 * writes metrics.csv, metrics.md, skill.png and a forecast strip per event.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Score nowcasters on a radar event with the benchmark protocol (crop 256x256, 2x2 averaging, "
                + "10+10 frame windows) and write metrics.csv, metrics.md, skill.png and strip-<event>.png.")
public final class EvaluateCommand implements Callable<Integer> {

    @Option(names = "--format", description = "Archive format of --path: ${COMPLETION-CANDIDATES}.",
            completionCandidates = Formats.class)
    String format;

    @Option(names = "--path", description = "Folder (or file) holding the event's frames.")
    Path path;

    @Option(names = "--crop", description = "Top-left native pixel ROW,COL of the 256x256 crop.")
    String crop;

    @Option(names = "--event", description = "Event name in the outputs (default: <format>_<yyyyMMdd>).")
    String event;

    @Option(names = "--thresholds", split = ",",
            description = "Event thresholds in physical units (default: 1,5,10 mm/h or 20,30,40 dBZ).")
    float[] thresholds;

    @Option(names = "--development", paramLabel = "RADAR_DIR",
            description = "Instead of --format/--path/--crop: the three development events of the protocol, "
                    + "found under this sample-data folder (e.g. ../shared/data/radar).")
    Path development;

    @Option(names = "--nowcaster", split = ",", required = true, paramLabel = "NAME",
            description = "Nowcasters to score, comma-separated (${COMPLETION-CANDIDATES}).",
            completionCandidates = NowcasterNames.class)
    List<String> nowcasters;

    @Option(names = "--artifact", description = "Model artifact folder for learned nowcasters (gs2pm, blend).")
    Path artifact;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Nowcaster setting, repeatable (e.g. blend.with=gs2pm, blend.weights=1,1,0.8,...).")
    Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--batch", defaultValue = "8", description = "Windows per predict call (default: ${DEFAULT-VALUE}).")
    int batch;

    @CommandLine.Mixin
    DeviceOption device;

    @Option(names = "--out", required = true, description = "Output folder (created if absent).")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (device.unavailable()) {
            return 1;
        }
        Map<String, Nowcaster> methods = new LinkedHashMap<>();
        NowcasterOptions options = device.applyTo(new NowcasterOptions(artifact, Evaluation.LEADS, settings));
        try {
            // nowcasters first: a bad name or artifact should fail before minutes of reading
            for (String name : nowcasters) {
                methods.put(name, Nowcasters.byName(name, options));
            }
            List<ScoredEvent> events = events();
            EvaluationReport.Outputs outputs = new EvaluationReport(new Evaluation(batch), true)
                    .run(events, methods, out);
            System.out.println("wrote " + outputs.csv() + ", " + outputs.markdown() + ", " + outputs.chart() + " and "
                    + outputs.strips().size() + " forecast strip(s)");
        } finally {
            methods.values().forEach(Nowcaster::close);
        }
        return 0;
    }

    private List<ScoredEvent> events() throws Exception {
        List<ScoredEvent> events = new ArrayList<>();
        if (development != null) {
            if (format != null || path != null || crop != null) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--development replaces --format, --path and --crop; give one or the other");
            }
            for (BenchmarkEvent e : BenchmarkEvent.development(development)) {
                RadarSequence seq = withProgress("read " + e.name(), p -> RadarSequence.read(e, p));
                events.add(new ScoredEvent(seq, e.thresholds()));
            }
            return events;
        }
        if (format == null || path == null || crop == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "give --format, --path and --crop (or --development RADAR_DIR)");
        }
        int[] rowCol = parseCrop(crop);
        RadarSequence seq = withProgress("read " + path.getFileName(),
                p -> RadarSequence.read(event, format, path, rowCol[0], rowCol[1], p));
        events.add(new ScoredEvent(seq, thresholds != null ? thresholds
                : BenchmarkEvent.defaultThresholds(seq.quantity())));
        return events;
    }

    private int[] parseCrop(String text) {
        String[] parts = text.split(",");
        try {
            if (parts.length == 2) {
                return new int[] {Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim())};
            }
        } catch (NumberFormatException e) {
            // reported below with the expected form
        }
        throw new CommandLine.ParameterException(spec.commandLine(),
                "--crop must be ROW,COL (two whole numbers, the top-left native pixel), got '" + text + "'");
    }

    private interface Reading {
        RadarSequence read(RadarSequence.Progress progress) throws Exception;
    }

    private static RadarSequence withProgress(String task, Reading reading) throws Exception {
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName(task).setStyle(ProgressBarStyle.ASCII)
                .setUnit(" frames", 1).build()) {
            return reading.read((done, total) -> {
                bar.maxHint(total);
                bar.stepTo(done);
            });
        }
    }

    static final class Formats extends ArrayList<String> {
        Formats() {
            super(FrameReaders.names());
        }
    }

    static final class NowcasterNames extends ArrayList<String> {
        NowcasterNames() {
            super(Nowcasters.names());
        }
    }
}
