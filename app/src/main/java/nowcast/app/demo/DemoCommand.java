package nowcast.app.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import nowcast.app.device.DeviceOption;
import nowcast.app.ingest.DurationConverter;
import nowcast.app.ingest.FormatName;
import nowcast.app.model.NowcasterName;
import nowcast.app.model.ShippedModel;
import nowcast.ingestion.synthetic.StormSettings;
import nowcast.model.Nowcaster;
import nowcast.model.NowcasterOptions;
import nowcast.model.Nowcasters;
import nowcast.model.gs2pm.Gs2pmArtifact;

/** {@code nowcast demo}: the whole system in one process, with a dashboard (docs/deployment.md). */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the whole system in one process: broker, registry, predictor, sink with the dashboard,",
                "and a feed of synthetic storms (or --archive/--format for a real archive). Prints the dashboard URL.",
                "All state lives in --data-dir: a second start continues where the first stopped. Ctrl-C stops it."})
public final class DemoCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(DemoCommand.class);
    static final String AUTO = "auto";

    @Spec
    CommandSpec spec;

    @Option(names = "--data-dir", defaultValue = "nowcast-data",
            description = "Directory of all demo state: Kafka log, predictor windows, forecasts (${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--port", defaultValue = "8080", description = "Dashboard port, 0 for any free port (${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address the dashboard binds to (${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--nowcaster", defaultValue = AUTO, converter = NowcasterName.OrAuto.class,
            description = "Nowcaster by name; ${DEFAULT-VALUE}: gs2pm when there is a model (the shipped one or "
                    + "--artifact), else extrapolation.")
    String nowcaster;

    @Option(names = "--artifact",
            description = "GS2PM model artifact directory (default: the model shipped in the jar).")
    Path artifact;

    @Mixin
    DeviceOption device;

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
        if (device.unavailable()) {
            return 1;
        }
        DemoFeed feed = archive != null ? new ArchiveLoop(archive, format, speed) : new SyntheticLoop(storms(), speed);
        Nowcaster model = chooseNowcaster();
        EmbeddedPipeline pipeline = EmbeddedPipeline.start(new EmbeddedPipeline.Settings(dataDir, host, port,
                partitions, model, feed));
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            pipeline.close();
            stopped.countDown();
        }, "demo-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        System.out.println("nowcast demo running with " + model.identity().name()
                + (model.identity().device() == null ? "" : " on " + model.identity().device()) + " (data in "
                + dataDir.toAbsolutePath() + ")");
        System.out.println("Dashboard: " + pipeline.dashboardUrl());
        System.out.println("Kafka: " + pipeline.bootstrapServers() + "  Schema Registry: " + pipeline.registryUrl()
                + (duration == null ? "  (Ctrl-C stops the demo)" : "  (stops after " + duration + ")"));
        int rc = await(pipeline, stopped);
        if (stopped.getCount() > 0) {
            Runtime.getRuntime().removeShutdownHook(hook);
            pipeline.close();
        }
        return rc;
    }

    private int await(EmbeddedPipeline pipeline, CountDownLatch stopped) throws InterruptedException {
        Instant end = duration == null ? null : Instant.now().plus(duration);
        while (!stopped.await(1, TimeUnit.SECONDS)) {
            String failed = pipeline.failedService();
            if (failed != null) {
                System.err.println("nowcast demo: the " + failed + " stopped (see the log for the cause)");
                return 1;
            }
            if (pipeline.feedFailure() != null) {
                System.err.println("nowcast demo: the feed stopped: " + pipeline.feedFailure().getMessage());
                return 1;
            }
            if (end != null && Instant.now().isAfter(end)) {
                System.out.println("nowcast demo: " + duration + " elapsed, stopping");
                return 0;
            }
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

    private Nowcaster chooseNowcaster() {
        Path model = ShippedModel.orShipped(artifact).orElse(null);
        boolean modelPresent = model != null && Files.isRegularFile(model.resolve(Gs2pmArtifact.CONFIG_FILE))
                && Files.isRegularFile(model.resolve(Gs2pmArtifact.WEIGHTS_FILE));
        String name = nowcaster;
        if (AUTO.equalsIgnoreCase(nowcaster)) {
            name = modelPresent ? "gs2pm" : "extrapolation";
            if (!modelPresent) {
                LOG.warn("{}; the demo uses the extrapolation nowcaster (give --artifact, or import or train a model: "
                        + "see README, 'Models')", model == null ? "this build of nowcast has no shipped GS2PM model"
                        : "no GS2PM model artifact (" + Gs2pmArtifact.CONFIG_FILE + " and " + Gs2pmArtifact.WEIGHTS_FILE
                        + ") at --artifact " + model.toAbsolutePath());
            }
        }
        NowcasterOptions options = device.applyTo(modelPresent ? NowcasterOptions.ofArtifact(model) : NowcasterOptions.defaults());
        return Nowcasters.byName(name, options);
    }
}
