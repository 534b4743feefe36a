package nowcast.app.demo;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import nowcast.ingestion.producer.FrameProducer;
import nowcast.ingestion.producer.ProducerSettings;
import nowcast.model.Nowcaster;
import nowcast.platform.broker.EmbeddedKafkaBroker;
import nowcast.platform.registry.EmbeddedSchemaRegistry;
import nowcast.predictor.Predictor;
import nowcast.predictor.PredictorConfig;
import nowcast.predictor.PredictorSerdes;
import nowcast.schemas.Topics;
import nowcast.schemas.client.TopicCreation;
import nowcast.schemas.client.ClusterStateDirectory;
import nowcast.schemas.serde.NowcastSerdes;
import nowcast.sink.SinkService;
import nowcast.sink.store.ForecastStore;
import nowcast.sink.store.ForecastStores;
import nowcast.sink.web.DashboardServer;

/**
 * Every service of the system in one process, each the same class its own command runs: broker
 * ({@code nowcast broker}), registry ({@code nowcast registry}), predictor ({@code nowcast predict}),
 * sink and dashboard ({@code nowcast sink}) and a feed ({@code nowcast ingest synthetic|replay}). All
 * state lives under one data directory, so a second start continues where the first stopped: the broker
 * keeps topics and committed offsets, the predictor its windows, the sink its forecasts, the feed its
 * position. {@link #close} stops them in reverse order, the feed first.
 */
final class EmbeddedPipeline implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPipeline.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    /**
     * What the demo runs; {@code dashboardPort} 0 picks a free port; {@code devices}: how many devices the
     * nowcaster is spread over (gpu:0,gpu:1), hence stream threads and batches at a time.
     */
    record Settings(Path dataDir, String host, int dashboardPort, int partitions, Nowcaster nowcaster, int devices,
                    DemoFeed feed) {
    }

    private final Settings settings;
    private EmbeddedKafkaBroker broker;
    private EmbeddedSchemaRegistry registry;
    private Predictor predictor;
    private ForecastStore store;
    private SinkService sink;
    private Thread sinkThread;
    private int dashboardPort;
    private FrameProducer producer;
    private Thread feedThread;
    private Path feedDir;
    private volatile Throwable feedFailure;
    private boolean closed;

    private EmbeddedPipeline(Settings settings) {
        this.settings = settings;
    }

    /** Starts everything; on failure, what was started is stopped again before the exception leaves. */
    static EmbeddedPipeline start(Settings settings) throws IOException, InterruptedException {
        EmbeddedPipeline pipeline = new EmbeddedPipeline(settings);
        try {
            pipeline.startAll();
            return pipeline;
        } catch (IOException | InterruptedException | RuntimeException e) {
            pipeline.close();
            throw e;
        }
    }

    private void startAll() throws IOException, InterruptedException {
        Path dir = settings.dataDir();
        Files.createDirectories(dir);
        broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0);
        registry = EmbeddedSchemaRegistry.start(0, broker.bootstrapServers());
        Topics topics = Topics.defaults();
        createTopics(topics);
        Map<String, Object> serde = NowcastSerdes.config(registry.url());

        PredictorConfig config = PredictorConfig.builder(broker.bootstrapServers()).applicationId("nowcast-demo-predictor")
                .topics(topics).stateDir(dir.resolve("predictor")).maxBatch(Math.max(1, settings.partitions()))
                .threads(settings.devices()).parallelBatches(settings.devices())
                .metricsPort(-1)
                // the demo's storms run --speed times faster than the clock, so their frames are soon "in the future"
                .maxFutureSkew(Duration.ofDays(3650)).build();
        predictor = Predictor.start(config, new PredictorSerdes(NowcastSerdes.frames(serde),
                NowcastSerdes.forecasts(serde), NowcastSerdes.deadLetters(serde)), settings.nowcaster(),
                settings.partitions());
        if (!predictor.awaitRunning(START_TIMEOUT)) {
            throw new IllegalStateException("the predictor did not start within " + START_TIMEOUT.toSeconds()
                    + " s: Kafka Streams is " + predictor.state());
        }

        store = ForecastStores.open(dir.resolve("forecasts").toString(), new ForecastStores.S3Settings(null, null,
                null, null));
        dashboardPort = settings.dashboardPort() == 0 ? EmbeddedKafkaBroker.freePort() : settings.dashboardPort();
        sink = new SinkService(new SinkService.Settings(broker.bootstrapServers(), registry.url(), topics,
                "nowcast-demo-sink", new DashboardServer.Settings(settings.host(), dashboardPort, null),
                Duration.ofDays(7), Duration.ofMinutes(10), 100), store);
        sinkThread = new Thread(sink::run, "demo-sink");
        sinkThread.start();
        awaitDashboard();

        Map<String, Object> client = new HashMap<>(serde);
        client.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        producer = new FrameProducer(ProducerSettings.of(client, topics), NowcastSerdes.frames(serde).serializer(),
                NowcastSerdes.deadLetters(serde).serializer());
        feedDir = ClusterStateDirectory.resolve(dir.resolve("ingest"), broker.clusterId(), topics.frames(),
                broker.bootstrapServers());
        adoptLegacyFeedState(dir, feedDir);
        feedThread = new Thread(this::feed, "demo-feed");
        feedThread.start();
    }

    /**
     * Demos before state was kept per cluster left the feed's position in the data directory itself; their broker
     * has the one cluster id all embedded brokers had then, so the files are moved to where this demo looks.
     */
    private void adoptLegacyFeedState(Path dir, Path feedDir) throws IOException {
        if (!EmbeddedKafkaBroker.LEGACY_CLUSTER_ID.equals(broker.clusterId())) {
            return;
        }
        for (Path legacy : List.of(dir.resolve("ingest").resolve(ArchiveLoop.LEDGER_FILE),
                dir.resolve(SyntheticLoop.STATE_FILE))) {
            Path target = feedDir.resolve(legacy.getFileName());
            if (Files.exists(legacy) && !Files.exists(target)) {
                Files.move(legacy, target);
                LOG.info("moved {} to {}", legacy, target);
            }
        }
    }

    private void createTopics(Topics topics) throws InterruptedException {
        try (Admin admin = Admin.create(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers()))) {
            TopicCreation.ensure(admin, TopicCreation.withPartitions(settings.partitions(), topics.frames(),
                    topics.forecasts(), topics.scores(), topics.deadLetter(), topics.products(), topics.alerts()));
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot create the demo topics on " + broker.bootstrapServers() + ": "
                    + e.getMessage(), e);
        }
    }

    private void awaitDashboard() throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!dashboardListening()) {
            if (!sinkThread.isAlive()) {
                throw new IllegalStateException("the sink stopped while starting (see the log for the cause)");
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the dashboard did not start within " + START_TIMEOUT.toSeconds() + " s");
            }
            Thread.sleep(50);
        }
    }

    /** Probes the port from outside: asking Javalin for its port before it has started breaks its start. */
    private boolean dashboardListening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(settings.host(), dashboardPort), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void feed() {
        try {
            settings.feed().run(producer, feedDir);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            if (!Thread.currentThread().isInterrupted()) {
                feedFailure = e;
                LOG.error("the demo feed stopped: {}", e.toString(), e);
            }
        }
    }

    String dashboardUrl() {
        return "http://" + settings.host() + ":" + dashboardPort + "/";
    }

    String bootstrapServers() {
        return broker.bootstrapServers();
    }

    String registryUrl() {
        return registry.url();
    }

    /** Why the feed stopped early, or null while it runs or when it ended normally. */
    Throwable feedFailure() {
        return feedFailure;
    }

    /** A service that stopped by itself, or null while all run. */
    String failedService() {
        if (sinkThread != null && !sinkThread.isAlive()) {
            return "sink";
        }
        if (predictor != null) {
            var state = predictor.state();
            if (state == org.apache.kafka.streams.KafkaStreams.State.ERROR
                    || state == org.apache.kafka.streams.KafkaStreams.State.NOT_RUNNING) {
                return "predictor (Kafka Streams " + state + ")";
            }
        }
        return null;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        long t0 = System.nanoTime();
        if (feedThread != null) {
            feedThread.interrupt();
            join(feedThread);
        }
        quietly("frame producer", producer);
        if (sink != null) {
            sink.close();
            if (sinkThread != null) {
                join(sinkThread);
            }
        }
        quietly("forecast store", store);
        quietly("predictor", predictor);
        quietly("nowcaster", settings.nowcaster());
        quietly("registry", registry);
        quietly("broker", broker);
        LOG.info("demo stopped in {} ms; its state stays in {}", (System.nanoTime() - t0) / 1_000_000,
                settings.dataDir().toAbsolutePath());
    }

    private static void join(Thread thread) {
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("{} did not stop within 30 s", thread.getName());
        }
    }

    private static void quietly(String what, AutoCloseable resource) {
        if (resource == null) {
            return;
        }
        try {
            resource.close();
        } catch (Exception e) {
            LOG.warn("error while stopping the {}: {}", what, e.toString());
        }
    }
}
