package nowcast.app.evaluate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import nowcast.app.ingest.FormatName;
import nowcast.app.model.ModelOptions;
import nowcast.app.model.NowcasterName;
import nowcast.ingestion.readers.FrameReaders;
import nowcast.model.Nowcaster;
import nowcast.model.NowcasterOptions;
import nowcast.model.NowcasterSelection;
import nowcast.model.Nowcasters;
import nowcast.training.evaluation.BenchmarkEvent;
import nowcast.training.evaluation.BenchmarkEvents;
import nowcast.training.evaluation.Evaluation;
import nowcast.training.evaluation.EvaluationReport;
import nowcast.training.evaluation.RadarSequence;
import nowcast.training.evaluation.ScoredEvent;
import nowcast.training.products.ProductReport;
import nowcast.products.Calibration;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code nowcast evaluate}: scores nowcasters on radar archives with the benchmark protocol and writes
 * metrics.csv, metrics.md, skill.png and a forecast strip per event. The archive is either one folder
 * ({@code --format/--path/--crop/--size/--block}) or events of the catalogue ({@link BenchmarkEvents}) under
 * the sample-data folder ({@code --development DIR}, or {@code --radar-dir DIR --events ...}).
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Score nowcasters on radar events with the benchmark protocol (square crop averaged to 128x128, "
                + "10+10 frame windows) and write metrics.csv, metrics.md, skill.png and strip-<event>.png.")
public final class EvaluateCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(EvaluateCommand.class);

    @Option(names = "--format", description = "Archive format of --path: ${COMPLETION-CANDIDATES}.",
            completionCandidates = Formats.class, converter = FormatName.class)
    String format;

    @Option(names = "--path", description = "Folder (or file) holding the event's frames.")
    Path path;

    @Option(names = "--crop", description = "Top-left native pixel ROW,COL of the --size x --size crop.")
    String crop;

    @Option(names = "--size", defaultValue = "256",
            description = "Side of the square crop in native pixels; --size / --block must be 128 (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--block", defaultValue = "2",
            description = "Side of the averaging block in native pixels (default: ${DEFAULT-VALUE}).")
    int block;

    @Option(names = "--event", description = "Event name in the outputs (default: <format>_<yyyyMMdd>).")
    String event;

    @Option(names = "--thresholds", split = ",",
            description = "Event thresholds in physical units (default: 1,5,10 mm/h or 20,30,40 dBZ).")
    float[] thresholds;

    @Option(names = "--development", paramLabel = "RADAR_DIR",
            description = "Instead of --format/--path/--crop: the development events of the catalogue (mch_20170131, "
                    + "fmi_20170509, bom_20180616), each with its own crop, size, block and thresholds, found under this "
                    + "sample-data folder (e.g. ../shared/data/radar). Same as --radar-dir RADAR_DIR --events development.")
    Path development;

    @Option(names = "--radar-dir", paramLabel = "RADAR_DIR",
            description = "The sample-data folder that holds the catalogue's events, for --events.")
    Path radarDir;

    @Option(names = "--events", paramLabel = "SELECTION",
            description = "Catalogue events to score, with --radar-dir: all, training, development or event names, "
                    + "comma-separated and mixable (default with --radar-dir: development).")
    String events;

    @Option(names = "--nowcaster", split = ",", required = true, paramLabel = "NAME", converter = NowcasterName.class,
            description = "Nowcasters to score, comma-separated (${COMPLETION-CANDIDATES}).",
            completionCandidates = NowcasterNames.class)
    List<String> nowcasters;

    @CommandLine.Mixin
    ModelOptions model;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Nowcaster setting, repeatable (e.g. blend.with=gs2pm, blend.weights=1,1,0.8,...).")
    Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--batch", defaultValue = "8", description = "Windows per predict call (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--out", required = true, description = "Output folder (created if absent).")
    Path out;

    @Option(names = "--products", description = "Also verify the forecast products (exceedance probabilities: Brier "
            + "skill and reliability; 30/60-min accumulations) and write products.csv, reliability.csv, products.md "
            + "and reliability.png.")
    boolean products;

    @Option(names = "--calibration", description = "Exceedance calibration file to verify with --products "
            + "(default: the shipped one).")
    Path calibration;

    @Option(names = "--fit-calibration", paramLabel = "FILE", description = "With --products: fit the exceedance "
            + "calibration on all events of the first nowcaster and write it to FILE.")
    Path fitCalibration;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** A problem with the options, reported as one line before anything is read. */
    private static final class UsageError extends Exception {
        UsageError(String message) {
            super(message);
        }
    }

    @Override
    public Integer call() throws Exception {
        if (model.device().unavailable()) {
            return 1;
        }
        List<Source> sources;
        try {
            if (!products && (fitCalibration != null || calibration != null)) {
                throw new UsageError("--fit-calibration and --calibration belong to --products");
            }
            sources = sources();
        } catch (UsageError | IllegalArgumentException e) {
            System.err.println("nowcast evaluate: " + e.getMessage());
            return 2;
        }
        Map<String, Nowcaster> methods = new LinkedHashMap<>();
        NowcasterOptions options = model.options(Evaluation.LEADS, settings);
        try {
            // nowcasters first: a bad name or artifact should fail before minutes of reading
            for (String name : nowcasters) {
                methods.put(name, NowcasterSelection.of(name).open(options));
            }
            List<ScoredEvent> scored = new ArrayList<>();
            for (Source source : sources) {
                scored.add(source.read());
            }
            EvaluationReport.Outputs outputs = new EvaluationReport(new Evaluation(batch), true)
                    .run(scored, methods, out);
            System.out.println("wrote " + outputs.csv() + ", " + outputs.markdown() + ", " + outputs.chart() + " and "
                    + outputs.strips().size() + " forecast strip(s)");
            if (products) {
                ProductReport.Outputs p = new ProductReport(batch, calibration == null ? Calibration.shipped()
                        : Calibration.read(calibration), true).run(scored, methods, out, fitCalibration);
                System.out.println("wrote " + p.csv() + ", " + p.reliabilityCsv() + ", " + p.markdown() + " and "
                        + p.chart() + (p.fitted() == null ? "" : "; calibration fitted to " + p.fitted()));
            }
            return 0;
        } catch (IllegalArgumentException | IOException e) {
            // bad names, crops that do not fit, unreadable files: the message says what and where
            LOG.debug("evaluate failed", e);
            System.err.println("nowcast evaluate: " + e.getMessage());
            return 1;
        } finally {
            methods.values().forEach(Nowcaster::close);
        }
    }

    /** One event to read: nothing is read until every option has been checked. */
    @FunctionalInterface
    private interface Source {
        ScoredEvent read() throws IOException;
    }

    private List<Source> sources() throws UsageError {
        boolean sizeGiven = given("--size") || given("--block");
        if (development != null || radarDir != null) {
            if (development != null && radarDir != null) {
                throw new UsageError("--development RADAR_DIR is --radar-dir RADAR_DIR --events development; give one of them");
            }
            if (development != null && events != null) {
                throw new UsageError("--events goes with --radar-dir, not --development (which selects the development events)");
            }
            if (format != null || path != null || crop != null || sizeGiven) {
                throw new UsageError("catalogue events have their own archive, crop, size and block: --format, --path, "
                        + "--crop, --size and --block go without --development/--radar-dir");
            }
            Path dir = development != null ? development : radarDir;
            List<BenchmarkEvent> selected = BenchmarkEvents.select(dir, development != null || events == null
                    ? "development" : events);
            List<Source> out = new ArrayList<>();
            for (BenchmarkEvent e : selected) {
                if (!Files.isDirectory(e.path())) {
                    throw new UsageError("the folder of " + e.name() + ", " + e.path() + ", does not exist (" + dir
                            + " must be the sample-data folder, e.g. ../shared/data/radar)");
                }
                out.add(() -> new ScoredEvent(withProgress("read " + e.name(), e::sequence), e.thresholds()));
            }
            return out;
        }
        if (events != null) {
            throw new UsageError("--events needs --radar-dir RADAR_DIR, the folder that holds the catalogue's events");
        }
        if (format == null || path == null || crop == null) {
            throw new UsageError("give --format, --path and --crop (or --development RADAR_DIR, or --radar-dir RADAR_DIR "
                    + "--events ...)");
        }
        int[] rowCol = parseCrop(crop);
        try {
            BenchmarkEvent.checkGrid(size, block);
        } catch (IllegalArgumentException e) {
            throw new UsageError("--size " + size + " --block " + block + ": " + e.getMessage());
        }
        FrameReaders.byName(format);
        if (!Files.exists(path)) {
            throw new UsageError("--path " + path + " does not exist");
        }
        return List.of(() -> {
            RadarSequence seq = withProgress("read " + path.getFileName(),
                    p -> RadarSequence.read(event, format, path, rowCol[0], rowCol[1], size, block, p));
            return new ScoredEvent(seq, thresholds != null ? thresholds
                    : BenchmarkEvent.defaultThresholds(seq.quantity()));
        });
    }

    /** Whether the user set an option on the command line (not a default, environment or file value). */
    private boolean given(String option) {
        CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        return parsed != null && parsed.hasMatchedOption(option);
    }

    private static int[] parseCrop(String text) throws UsageError {
        String[] parts = text.split(",");
        try {
            if (parts.length == 2) {
                return new int[] {Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim())};
            }
        } catch (NumberFormatException e) {
            // reported below with the expected form
        }
        throw new UsageError("--crop must be ROW,COL (two whole numbers, the top-left native pixel), got '" + text + "'");
    }

    private interface Reading {
        RadarSequence read(RadarSequence.Progress progress) throws IOException;
    }

    private static RadarSequence withProgress(String task, Reading reading) throws IOException {
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
