package nowcast.app.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import nowcast.app.cluster.ClusterConnection;
import nowcast.app.ingest.DurationConverter;
import nowcast.app.ingest.FormatName;
import nowcast.app.model.ModelOptions;
import nowcast.app.model.NowcasterName;
import nowcast.app.platform.UntilStopped;
import nowcast.ingestion.synthetic.StormSettings;
import nowcast.model.Nowcaster;
import nowcast.model.NowcasterSelection;

/** {@code nowcast demo}: the whole system in one process, with a dashboard (docs/deployment.md). */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the whole system in one process: broker, registry, predictor, sink with the dashboard,",
                "and a feed of synthetic storms (or --archive/--format for a real archive). Prints the dashboard URL.",
                "All state lives in --data-dir: a second start continues where the first stopped. Ctrl-C stops it."})
public final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data-dir", defaultValue = ClusterConnection.DEFAULT_DATA_DIR,
            description = "Directory of all demo state: Kafka log, predictor windows, forecasts (${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--port", defaultValue = "8080", description = "Dashboard port, 0 for any free port (${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address the dashboard binds to (${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--nowcaster", defaultValue = NowcasterSelection.AUTO, converter = NowcasterName.OrAuto.class,
            description = "Nowcaster by name; ${DEFAULT-VALUE}: gs2pm when there is a model (the shipped one or "
                    + "--artifact), else extrapolation.")
    String nowcaster;

    @Mixin
    ModelOptions model;

    @Option(names = "--sources", defaultValue = "2", description = "Synthetic sources (${DEFAULT-VALUE}).")
    int sources;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the synthetic storms (${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--cadence", defaultValue = "5m", converter = DurationConverter.class,
            description = "Time between synthetic frames of a source (${DEFAULT-VALUE}).")
    Duration cadence;

    @Option(names = "--speed", defaultValue = "60",
            description = "Event time runs this many times faster than wall time after the first window (${DEFAULT-VALUE}).")
    double speed;

    @Option(names = "--archive", description = "Replay this archive (file or directory) instead of synthetic storms.")
    Path archive;

    @Option(names = "--format", converter = FormatName.class,
            description = "Reader of --archive: knmi, odim, mch, fmi, bom, unica, hko7, sevir, gs2pm, images.")
    String format;

    @Option(names = "--partitions", defaultValue = "2", description = "Partitions of the demo topics (${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--duration", converter = DurationConverter.class,
            description = "Stop by itself after this long, e.g. 90s (default: run until Ctrl-C).")
    Duration duration;

    @Override
    public Integer call() throws Exception {
        validate();
        if (model.device().unavailable()) {
            return 1;
        }
        DemoFeed feed = archive != null ? new ArchiveLoop(archive, format, speed) : new SyntheticLoop(storms(), speed);
        Nowcaster nowcasterModel = model.open(NowcasterSelection.of(nowcaster));
        EmbeddedPipeline pipeline = EmbeddedPipeline.start(new EmbeddedPipeline.Settings(dataDir, host, port,
                partitions, nowcasterModel, model.device().choice().size(), feed));
        try (UntilStopped.Guard running = UntilStopped.guard(pipeline, "demo")) {
            return run(running, pipeline, nowcasterModel);
        }
    }

    private int run(UntilStopped.Guard running, EmbeddedPipeline pipeline, Nowcaster nowcasterModel)
            throws InterruptedException {
        System.out.println("nowcast demo running with " + nowcasterModel.identity().name()
                + (nowcasterModel.identity().device() == null ? "" : " on " + nowcasterModel.identity().device())
                + " (data in " + dataDir.toAbsolutePath() + ")");
        System.out.println("Dashboard: " + pipeline.dashboardUrl());
        System.out.println("Kafka: " + pipeline.bootstrapServers() + "  Schema Registry: " + pipeline.registryUrl()
                + (duration == null ? "  (Ctrl-C stops the demo)" : "  (stops after " + duration + ")"));
        UntilStopped.Outcome outcome = running.await(() -> {
            String failed = pipeline.failedService();
            if (failed != null) {
                return "nowcast demo: the " + failed + " stopped (see the log for the cause)";
            }
            return pipeline.feedFailure() == null ? null
                    : "nowcast demo: the feed stopped: " + pipeline.feedFailure().getMessage();
        }, duration);
        if (outcome instanceof UntilStopped.Outcome.Failed failed) {
            System.err.println(failed.problem());
            return 1;
        }
        if (outcome instanceof UntilStopped.Outcome.Elapsed) {
            System.out.println("nowcast demo: " + duration + " elapsed, stopping");
        }
        return 0;
    }

    private void validate() {
        if ((archive == null) != (format == null)) {
            throw new ParameterException(spec.commandLine(), "--archive and --format go together");
        }
        if (archive != null && !Files.exists(archive)) {
            throw new ParameterException(spec.commandLine(), "--archive " + archive + " does not exist");
        }
        if (sources < 1 || partitions < 1 || !(speed > 0)) {
            throw new ParameterException(spec.commandLine(), "--sources and --partitions must be >= 1 and --speed > 0");
        }
        if (duration != null && (duration.isNegative() || duration.isZero())) {
            throw new ParameterException(spec.commandLine(), "--duration must be positive, got " + duration);
        }
    }

    private StormSettings storms() {
        long step = cadence.toMillis();
        Instant start = Instant.ofEpochMilli(System.currentTimeMillis() / step * step);
        return StormSettings.defaults().withSeed(seed).withSources(sources).withCadence(cadence).withStart(start)
                .withSourcePrefix("demo");
    }
}
