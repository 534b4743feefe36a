package nowcast.predictor;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

import nowcast.predictor.grid.GridRule;
import nowcast.schemas.Topics;
import nowcast.schemas.deadletter.DeadLetterBuilder;

/**
 * Every setting of the predictor, with the defaults of docs/predictor.md. Build with {@link #builder};
 * {@link #streamsProperties()} derives the Kafka Streams configuration (exactly-once v2 always).
 */
public record PredictorConfig(String applicationId, String bootstrapServers, String framesTopic,
                              String forecastsTopic, String deadLetterTopic, double cadenceTolerance,
                              boolean fillSingleGap, int modelRows, int modelCols, Map<String, GridRule> gridRules,
                              int maxBatch, Duration maxWait, int threads, Path stateDir, Duration commitInterval,
                              Duration sessionTimeout, Duration maxPollInterval, int metricsPort,
                              Duration maxFutureSkew, Map<String, String> streamsOverrides, int parallelBatches,
                              Duration forecastCommit, int deadLetterAttachmentLimit) {

    /**
     * Defaults that set the latency of a forecast (docs/predictor.md, "Latency"): under exactly-once a
     * forecast is readable only after its transaction commits, so the commit interval is a floor on
     * the latency; a complete window waits at most the batch wait for batch mates; and the producer's
     * linger (Kafka Streams sets 100 ms) holds forecasts back until the commit flushes them.
     */
    public static final long COMMIT_INTERVAL_MS = 100;
    public static final long MAX_WAIT_MS = 20;
    public static final long PRODUCER_LINGER_MS = 5;
    public static final long FORECAST_COMMIT_MS = 25;

    public PredictorConfig {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        gridRules = Map.copyOf(gridRules);
        streamsOverrides = Map.copyOf(streamsOverrides);
        if (maxBatch < 1) {
            throw new IllegalArgumentException("max batch size must be >= 1, got " + maxBatch);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("stream threads must be >= 1, got " + threads);
        }
        if (parallelBatches < 1) {
            throw new IllegalArgumentException("parallel batches must be >= 1, got " + parallelBatches);
        }
        Objects.requireNonNull(forecastCommit, "forecastCommit");
        if (maxWait.isNegative()) {
            throw new IllegalArgumentException("max batch wait must not be negative, got " + maxWait);
        }
    }

    public static Builder builder(String bootstrapServers) {
        return new Builder(bootstrapServers);
    }

    public Builder toBuilder() {
        Builder b = new Builder(bootstrapServers);
        b.applicationId = applicationId;
        b.framesTopic = framesTopic;
        b.forecastsTopic = forecastsTopic;
        b.deadLetterTopic = deadLetterTopic;
        b.cadenceTolerance = cadenceTolerance;
        b.fillSingleGap = fillSingleGap;
        b.modelRows = modelRows;
        b.modelCols = modelCols;
        b.gridRules = new HashMap<>(gridRules);
        b.maxBatch = maxBatch;
        b.maxWait = maxWait;
        b.threads = threads;
        b.stateDir = stateDir;
        b.commitInterval = commitInterval;
        b.sessionTimeout = sessionTimeout;
        b.maxPollInterval = maxPollInterval;
        b.metricsPort = metricsPort;
        b.maxFutureSkew = maxFutureSkew;
        b.streamsOverrides = new HashMap<>(streamsOverrides);
        b.parallelBatches = parallelBatches;
        b.forecastCommit = forecastCommit;
        b.deadLetterAttachmentLimit = deadLetterAttachmentLimit;
        return b;
    }

    /** How often the batching punctuator looks for a due batch: half the max wait, at least 1 ms. */
    public long batchPollMillis() {
        return Math.max(1, Math.min(maxWait.toMillis() / 2, 50));
    }

    public Properties streamsProperties() {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitInterval.toMillis());
        // Under exactly-once a transaction stays open for up to one commit interval, and Streams refuses to
        // start when the producer's transaction timeout (10 s by default) is shorter: a longer interval
        // brings a timeout that covers it (within the broker's transaction.max.timeout.ms, 15 min by default),
        // unless the operator set one.
        String txTimeout = StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG);
        if (commitInterval.toMillis() >= 10_000 && !streamsOverrides.containsKey(txTimeout)
                && !streamsOverrides.containsKey(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG)) {
            p.put(txTimeout, (int) Math.min(Integer.MAX_VALUE, commitInterval.toMillis() + 10_000));
        }
        // An idle stream thread blocks in poll() this long before it runs due punctuations, so it bounds
        // how late a waiting batch starts; the default 100 ms would dominate the end-to-end latency.
        p.put(StreamsConfig.POLL_MS_CONFIG, 10L);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), (int) sessionTimeout.toMillis());
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG),
                (int) Math.max(100, sessionTimeout.toMillis() / 3));
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG), (int) maxPollInterval.toMillis());
        // Frames are large (a 765x700 uint16 composite is ~1 MB): fetch fewer per poll so a poll's worth
        // of work stays small next to max.poll.interval.ms.
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), 100);
        // Forecast rasters travel zstd-compressed (a forecast of ten 128x128 float32 fields is ~650 KB raw,
        // under three quarters of that on the wire); a larger model grid needs larger requests. lz4 is for the changelogs, whose
        // model-grid frames are plain float32.
        p.put(StreamsConfig.producerPrefix("max.request.size"), 8 * 1024 * 1024);
        p.put(StreamsConfig.producerPrefix("compression.type"), "lz4");
        // The topology has no global stores, so this changes nothing but Streams' start-up warning that
        // the option is off (it becomes the default in a later Kafka release). The partition assignor builds
        // its own copy of the config from the main consumer's settings, hence the second key.
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        p.put(StreamsConfig.mainConsumerPrefix(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG), true);
        // forecasts go to the broker as they are made instead of all at the commit, which then has less
        // to flush (Kafka Streams' own default is 100 ms)
        if (!streamsOverrides.containsKey(ProducerConfig.LINGER_MS_CONFIG)) {
            // a prefixed setting would win over the operator's unprefixed linger.ms (NOWCAST_KAFKA_LINGER_MS)
            p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), PRODUCER_LINGER_MS);
        }
        p.putAll(streamsOverrides);
        return p;
    }

    public static final class Builder {
        private String bootstrapServers;
        private String applicationId = "nowcast-predictor";
        private String framesTopic = Topics.defaults().frames();
        private String forecastsTopic = Topics.defaults().forecasts();
        private String deadLetterTopic = Topics.defaults().deadLetter();
        private double cadenceTolerance = 0.1;
        private boolean fillSingleGap = false;
        private int modelRows = 128;
        private int modelCols = 128;
        private Map<String, GridRule> gridRules = new HashMap<>();
        private int maxBatch = 16;
        private Duration maxWait = Duration.ofMillis(MAX_WAIT_MS);
        private int threads = 1;
        private Path stateDir = Path.of("nowcast-data", "predictor");
        private Duration commitInterval = Duration.ofMillis(COMMIT_INTERVAL_MS);
        private Duration sessionTimeout = Duration.ofSeconds(45);
        private Duration maxPollInterval = Duration.ofMinutes(5);
        private int metricsPort = 9464;
        private Duration maxFutureSkew = Duration.ofDays(1);
        private Map<String, String> streamsOverrides = new HashMap<>();
        private int parallelBatches = 1;
        private Duration forecastCommit = Duration.ofMillis(FORECAST_COMMIT_MS);
        private int deadLetterAttachmentLimit = DeadLetterBuilder.DEFAULT_ATTACHMENT_LIMIT;

        private Builder(String bootstrapServers) {
            this.bootstrapServers = bootstrapServers;
        }

        public Builder bootstrapServers(String v) { bootstrapServers = v; return this; }
        public Builder applicationId(String v) { applicationId = v; return this; }
        public Builder topics(Topics t) {
            framesTopic = t.frames();
            forecastsTopic = t.forecasts();
            deadLetterTopic = t.deadLetter();
            return this;
        }
        public Builder framesTopic(String v) { framesTopic = v; return this; }
        public Builder forecastsTopic(String v) { forecastsTopic = v; return this; }
        public Builder deadLetterTopic(String v) { deadLetterTopic = v; return this; }
        public Builder cadenceTolerance(double v) { cadenceTolerance = v; return this; }
        public Builder fillSingleGap(boolean v) { fillSingleGap = v; return this; }
        public Builder modelGrid(int rows, int cols) { modelRows = rows; modelCols = cols; return this; }
        public Builder gridRule(String sourceId, GridRule rule) { gridRules.put(sourceId, rule); return this; }
        public Builder maxBatch(int v) { maxBatch = v; return this; }
        public Builder maxWait(Duration v) { maxWait = v; return this; }
        public Builder threads(int v) { threads = v; return this; }
        public Builder stateDir(Path v) { stateDir = v; return this; }
        public Builder commitInterval(Duration v) { commitInterval = v; return this; }
        public Builder sessionTimeout(Duration v) { sessionTimeout = v; return this; }
        public Builder maxPollInterval(Duration v) { maxPollInterval = v; return this; }
        public Builder metricsPort(int v) { metricsPort = v; return this; }
        public Builder maxFutureSkew(Duration v) { maxFutureSkew = v; return this; }
        public Builder streamsOverride(String key, String value) { streamsOverrides.put(key, value); return this; }
        /** Batches that may run at once: one per device of a nowcaster spread over several GPUs (1). */
        public Builder parallelBatches(int v) { parallelBatches = v; return this; }
        /**
         * After forecasts are emitted, have Kafka Streams commit within this time instead of at the
         * next commit interval, and at most once per this time; negative: only the commit interval.
         */
        public Builder forecastCommit(Duration v) { forecastCommit = v; return this; }
        /** Undecodable record values up to this many bytes are kept in their dead letter. */
        public Builder deadLetterAttachmentLimit(int v) { deadLetterAttachmentLimit = v; return this; }

        public PredictorConfig build() {
            return new PredictorConfig(applicationId, bootstrapServers, framesTopic, forecastsTopic, deadLetterTopic,
                    cadenceTolerance, fillSingleGap, modelRows, modelCols, gridRules, maxBatch, maxWait, threads,
                    stateDir, commitInterval, sessionTimeout, maxPollInterval, metricsPort, maxFutureSkew,
                    streamsOverrides, parallelBatches, forecastCommit, deadLetterAttachmentLimit);
        }
    }
}
