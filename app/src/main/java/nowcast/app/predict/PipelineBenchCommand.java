package nowcast.app.predict;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import nowcast.app.device.DeviceOption;
import nowcast.app.model.NowcasterName;
import nowcast.frame.Quantity;
import nowcast.model.Nowcaster;
import nowcast.model.NowcasterOptions;
import nowcast.model.NowcasterSelection;
import nowcast.model.gs2pm.Gs2pmArtifact;
import nowcast.model.gs2pm.Gs2pmConfig;
import nowcast.model.gs2pm.Gs2pmModel;
import nowcast.model.gs2pm.Gs2pmNowcaster;
import nowcast.model.gs2pm.Normalisation;
import nowcast.predictor.PredictorConfig;

/** {@code nowcast bench pipeline}: frames/s, forecasts/s and end-to-end latency of the whole predictor path. */
@Command(name = "pipeline", mixinStandardHelpOptions = true,
        description = {"Drive synthetic frames through an in-process broker, registry and the real predictor;",
                "report frames/s, forecasts/s, end-to-end latency (produce -> read_committed) and the",
                "nowcaster's standalone batched throughput measured in the same run."})
public final class PipelineBenchCommand implements Callable<Integer> {

    @Option(names = "--sources", defaultValue = "50", description = "Number of sources (${DEFAULT-VALUE}).")
    int sources;

    @Option(names = "--nowcaster", defaultValue = "persistence", converter = NowcasterName.class, description = "Nowcaster by name (${DEFAULT-VALUE}).")
    String nowcaster;

    @Option(names = "--artifact", description = "Model artifact directory (GS2PM); without it gs2pm runs a randomly "
            + "initialised model of --scale (speed is the same, forecasts are meaningless).")
    Path artifact;

    @Option(names = "--scale", defaultValue = "tiny",
            description = "GS2PM scale for the random model when no --artifact is given (${DEFAULT-VALUE}).")
    String scale;

    @Option(names = "--frames", defaultValue = "40", description = "Frames per source (${DEFAULT-VALUE}); "
            + "each source gives frames-9 forecasts.")
    int frames;

    @Option(names = "--round-interval-ms", defaultValue = "500",
            description = "Length of a round (one frame of every source, sent evenly spread over the round); "
                    + "0 = as fast as possible, to measure throughput (${DEFAULT-VALUE}).")
    long roundIntervalMs;

    @Option(names = "--partitions", defaultValue = "4", description = "Partitions of the topics (${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--grid", defaultValue = "128", description = "Side of the square synthetic frames (${DEFAULT-VALUE}).")
    int grid;

    @Option(names = "--threads", defaultValue = "1", description = "Kafka Streams threads (${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--max-batch", defaultValue = BatchSizes.AUTO, converter = BatchSizes.class,
            description = "Most windows per nowcaster call; ${DEFAULT-VALUE}: " + BatchSizes.DESCRIPTION + ".")
    String maxBatch;

    @Mixin
    DeviceOption device;

    @Option(names = "--max-wait-ms", defaultValue = "" + PredictorConfig.MAX_WAIT_MS,
            description = "Batch fill wait, ms (${DEFAULT-VALUE}, the predictor's default).")
    long maxWaitMs;

    @Option(names = "--commit-interval-ms", defaultValue = "" + PredictorConfig.COMMIT_INTERVAL_MS,
            description = "Kafka Streams commit interval, ms (${DEFAULT-VALUE}, the predictor's default).")
    long commitIntervalMs;

    @Option(names = "--forecast-commit-ms", defaultValue = "" + PredictorConfig.FORECAST_COMMIT_MS,
            description = "Once forecasts are emitted, commit within this many ms (and at most once per this time) "
                    + "instead of at the next --commit-interval-ms, so they are readable sooner; -1: off (${DEFAULT-VALUE}).")
    long forecastCommitMs;

    @Option(names = "--linger-ms", defaultValue = "" + PredictorConfig.PRODUCER_LINGER_MS,
            description = "linger.ms of the predictor's producer, ms (${DEFAULT-VALUE}, the predictor's default).")
    long lingerMs;

    @Override
    public Integer call() throws Exception {
        if (frames < 10) {
            throw new IllegalArgumentException("--frames must be at least 10 (one complete window), got " + frames);
        }
        if (device.unavailable()) {
            return 1;
        }
        int devices = device.choice().size();
        PredictorConfig.Builder predictor = PredictorConfig.builder("127.0.0.1:9092")
                .applicationId("nowcast-bench-predictor").threads(Math.max(threads, devices)).parallelBatches(devices)
                .maxWait(Duration.ofMillis(maxWaitMs)).commitInterval(Duration.ofMillis(commitIntervalMs))
                .streamsOverride("producer.linger.ms", Long.toString(lingerMs)).forecastCommit(Duration.ofMillis(forecastCommitMs));
        Path randomModel = artifact == null && Gs2pmNowcaster.NAME.equalsIgnoreCase(nowcaster) ? randomArtifact() : null;
        try {
            return run(artifact != null ? artifact : randomModel, predictor);
        } finally {
            if (randomModel != null) {
                try (var files = Files.walk(randomModel)) {
                    files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                }
            }
        }
    }

    private int run(Path modelDir, PredictorConfig.Builder predictor) throws Exception {
        NowcasterOptions options = device.applyTo(modelDir == null ? NowcasterOptions.defaults()
                : NowcasterOptions.ofArtifact(modelDir));
        Integer explicit = BatchSizes.parse(maxBatch);
        if (explicit != null) {
            options = options.withSetting("batch", Integer.toString(explicit));
        }
        try (Nowcaster model = NowcasterSelection.of(nowcaster).open(options)) {
            int batch = BatchSizes.maxBatch(maxBatch, model.identity());
            predictor.maxBatch(batch);
            PipelineBench.Settings settings = new PipelineBench.Settings(sources, frames, roundIntervalMs, partitions,
                    grid, predictor);
            PipelineBench.Result r = new PipelineBench(settings, model, System.out).run();
            System.out.printf("%n## bench pipeline %s, %d sources, %s%n", model.identity().name(), sources,
                    LocalDate.now(ZoneOffset.UTC));
            System.out.printf("command: nowcast bench pipeline --sources %d --nowcaster %s --frames %d "
                            + "--round-interval-ms %d --partitions %d --grid %d --threads %d --max-batch %d "
                            + "--max-wait-ms %d --commit-interval-ms %d --linger-ms %d --forecast-commit-ms %d --device %s%n",
                    sources, nowcaster, frames, roundIntervalMs, partitions, grid, threads, batch, maxWaitMs,
                    commitIntervalMs, lingerMs, forecastCommitMs,
                    model.identity().device() == null ? device.choice() : model.identity().device());
            System.out.printf("| frames | forecasts | frames/s | forecasts/s (whole run) | forecasts/s (first to last "
                    + "forecast) | e2e p50 ms | p95 ms | p99 ms | max ms | mean batch | standalone windows/s "
                    + "(batch %d) | pipeline / standalone |%n", r.standaloneBatch());
            System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
            System.out.printf("| %d | %d | %.1f | %.1f | %.1f | %.0f | %.0f | %.0f | %.0f | %.1f | %.1f | %.0f %% |%n",
                    r.frames(), r.forecasts(), r.framesPerSecond(), r.forecastsPerSecond(),
                    r.steadyForecastsPerSecond(), r.p50Millis(), r.p95Millis(), r.p99Millis(), r.maxMillis(),
                    r.meanBatch(), r.standaloneWindowsPerSecond(),
                    100 * r.steadyForecastsPerSecond() / r.standaloneWindowsPerSecond());
        }
        return 0;
    }

    private Path randomArtifact() throws IOException {
        Path dir = Files.createTempDirectory("nowcast-bench-gs2pm-");
        System.out.printf("no --artifact: writing a randomly initialised GS2PM %s to %s%n", scale, dir);
        try (Gs2pmModel random = Gs2pmModel.randomlyInitialised(Gs2pmConfig.scale(scale).build(), 1)) {
            Gs2pmArtifact.write(dir, random, "random-" + scale, "synthetic-rain-rate",
                    Normalisation.defaultFor(Quantity.RAIN_RATE),
                    new Gs2pmArtifact.Provenance("random init for bench pipeline", LocalDate.now(ZoneOffset.UTC)
                            .toString(), "speed only"));
        }
        return dir;
    }
}
