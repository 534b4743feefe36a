package nowcast.app.predict;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import org.apache.kafka.streams.KafkaStreams;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import nowcast.app.cluster.ClusterConnection;
import nowcast.app.cluster.DeadLetterAttachments;
import nowcast.app.cluster.TopicPartitions;
import nowcast.app.device.DeviceOption;
import nowcast.app.model.ModelOptions;
import nowcast.app.model.NowcasterName;
import nowcast.app.platform.UntilStopped;
import nowcast.model.Nowcaster;
import nowcast.model.NowcasterSelection;
import nowcast.predictor.Predictor;
import nowcast.predictor.PredictorConfig;
import nowcast.predictor.PredictorSerdes;
import nowcast.predictor.grid.GridRule;
import nowcast.schemas.serde.NowcastSerdes;

/** {@code nowcast predict}: runs the predictor (docs/predictor.md) until Ctrl-C. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Run the predictor: frames topic -> per-source windows -> batched nowcasts -> forecasts topic.")
public final class PredictCommand implements Callable<Integer> {

    @Mixin
    ClusterConnection cluster;

    @Option(names = "--nowcaster", defaultValue = "gs2pm", converter = NowcasterName.class,
            description = "Nowcaster by name (${DEFAULT-VALUE}); gs2pm, persistence, extrapolation or blend.")
    String nowcaster;

    @Mixin
    ModelOptions model;

    @Option(names = "--fallback", defaultValue = "extrapolation", converter = NowcasterName.OrNone.class,
            description = "Nowcaster that answers when the main one cannot be loaded or fails on a batch; "
                    + "forecasts name the one that answered; 'none' turns it off (${DEFAULT-VALUE}).")
    String fallback;

    @Option(names = "--threads", defaultValue = "1",
            description = "Kafka Streams threads (${DEFAULT-VALUE}); raised to the number of GPUs in --device.")
    int threads;

    @Mixin
    TopicPartitions partitions;

    @Mixin
    DeadLetterAttachments deadLetters;

    @Option(names = "--application-id", defaultValue = "nowcast-predictor",
            description = "Kafka Streams application id = consumer group (${DEFAULT-VALUE}).")
    String applicationId;

    @Option(names = "--data-dir", defaultValue = ClusterConnection.DEFAULT_DATA_DIR,
            description = "Local state: the stores of the windows, kept per Kafka cluster and frames topic in "
                    + "predictor/<cluster id>/<topic>/ and rebuilt from the changelogs when lost (${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--max-batch", defaultValue = BatchSizes.AUTO, converter = BatchSizes.class,
            description = "Most windows per nowcaster call; ${DEFAULT-VALUE}: " + BatchSizes.DESCRIPTION + ".")
    String maxBatch;

    @Option(names = "--max-wait-ms", defaultValue = "" + PredictorConfig.MAX_WAIT_MS,
            description = "Longest a complete window waits for its batch to fill, ms (${DEFAULT-VALUE}).")
    long maxWaitMs;

    @Option(names = "--commit-interval-ms", defaultValue = "" + PredictorConfig.COMMIT_INTERVAL_MS,
            description = "Kafka Streams commit interval, ms (${DEFAULT-VALUE}): a forecast is readable only after its "
                    + "transaction commits, so this bounds the latency from below; lower costs more transactions.")
    long commitIntervalMs;

    @Option(names = "--forecast-commit-ms", defaultValue = "" + PredictorConfig.FORECAST_COMMIT_MS,
            description = "Once forecasts are emitted, commit within this many ms (and at most once per this time) "
                    + "instead of at the next --commit-interval-ms, so they are readable sooner; -1: off (${DEFAULT-VALUE}).")
    long forecastCommitMs;

    @Option(names = "--fill-gap", description = "Fill a single missing frame by interpolation (flagged in the forecast).")
    boolean fillGap;

    @Option(names = "--cadence-tolerance", defaultValue = "0.1",
            description = "Allowed offset of a frame from its nominal time, as a fraction of the cadence (${DEFAULT-VALUE}).")
    double cadenceTolerance;

    @Option(names = "--grid-rule", description = "Explicit crop of a source: SOURCE=row,col,blockSize (repeatable).")
    Map<String, String> gridRules = new LinkedHashMap<>();

    @Option(names = "--max-future-skew-min", defaultValue = "1440",
            description = "Frames stamped more than this many minutes ahead of the clock are invalid (${DEFAULT-VALUE}).")
    long maxFutureSkewMin;

    @Option(names = "--metrics-port", defaultValue = "9464",
            description = "Port of /metrics and /health on 127.0.0.1; 0 = any free port, -1 = off (${DEFAULT-VALUE}).")
    int metricsPort;

    @Override
    public Integer call() throws Exception {
        DeviceOption device = model.device();
        if (device.unavailable()) {
            return 1;
        }
        int devices = device.choice().size();
        PredictorConfig.Builder config = PredictorConfig.builder(cluster.bootstrap())
                .applicationId(applicationId).topics(cluster.topics()).threads(Math.max(threads, devices))
                .parallelBatches(devices)
                .stateDir(dataDir.resolve("predictor")).maxWait(Duration.ofMillis(maxWaitMs)).commitInterval(Duration.ofMillis(commitIntervalMs))
                .forecastCommit(Duration.ofMillis(forecastCommitMs)).fillSingleGap(fillGap)
                .cadenceTolerance(cadenceTolerance).metricsPort(metricsPort)
                .maxFutureSkew(Duration.ofMinutes(maxFutureSkewMin))
                .deadLetterAttachmentLimit(deadLetters.bytes());
        gridRules.forEach((source, rule) -> config.gridRule(source, GridRule.parse(rule)));
        cluster.overrides().kafka().forEach(config::streamsOverride);
        Map<String, Object> serdeConfig = cluster.serdeConfig();
        PredictorSerdes serdes = new PredictorSerdes(NowcastSerdes.frames(serdeConfig),
                NowcastSerdes.forecasts(serdeConfig), NowcastSerdes.deadLetters(serdeConfig));
        Nowcaster nowcasterModel = model.open(new NowcasterSelection(nowcaster, fallback));
        config.maxBatch(BatchSizes.maxBatch(maxBatch, nowcasterModel.identity()));
        Predictor predictor = Predictor.start(config.build(), serdes, nowcasterModel, partitions.count());
        try (UntilStopped.Guard running = UntilStopped.guard(() -> {
            predictor.close();
            nowcasterModel.close();
        }, "predictor")) {
            return run(running, predictor, nowcasterModel);
        }
    }

    private int run(UntilStopped.Guard running, Predictor predictor, Nowcaster nowcasterModel)
            throws InterruptedException {
        System.out.println("predictor running with " + nowcasterModel.identity().name()
                + (nowcasterModel.identity().device() == null ? "" : " on " + nowcasterModel.identity().device())
                + ", Kafka " + cluster.bootstrap()
                + (predictor.metricsPort() >= 0 ? "; metrics at http://127.0.0.1:" + predictor.metricsPort()
                + "/metrics, health at /health" : "") + "; Ctrl-C stops it");
        UntilStopped.Outcome outcome = running.await(() -> {
            KafkaStreams.State state = predictor.state();
            return state == KafkaStreams.State.ERROR || state == KafkaStreams.State.NOT_RUNNING
                    ? "predictor stopped: Kafka Streams is " + state + " (see the log for the cause)" : null;
        }, null);
        if (outcome instanceof UntilStopped.Outcome.Failed failed) {
            System.err.println(failed.problem());
            return 1;
        }
        return 0;
    }
}
