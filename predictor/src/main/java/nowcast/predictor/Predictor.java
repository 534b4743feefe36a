package nowcast.predictor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import nowcast.frame.PhysicalField;
import nowcast.frame.Quantity;
import nowcast.model.InputWindow;
import nowcast.model.Nowcaster;
import nowcast.predictor.metrics.HealthServer;
import nowcast.predictor.metrics.PredictorMetrics;
import nowcast.schemas.client.ClusterStateDirectory;
import nowcast.schemas.client.TopicCreation;

/**
 * A running predictor: the Kafka Streams application of {@link PredictorTopology}, its metrics and health
 * endpoint. {@link #start} times one full batch of the nowcaster first and raises
 * {@code max.poll.interval.ms} to at least ten times that, so a slow model never gets the stream thread
 * thrown out of its group. {@link #close} leaves the group so that a restart rebalances at once; the
 * nowcaster belongs to the caller.
 */
public final class Predictor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Predictor.class);

    private final PredictorConfig config;
    private final KafkaStreams streams;
    private final PrometheusMeterRegistry registry;
    private final KafkaStreamsMetrics streamsMetrics;
    private final HealthServer health;
    private final PredictorMetrics metrics;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Predictor(PredictorConfig config, KafkaStreams streams, PrometheusMeterRegistry registry,
                      KafkaStreamsMetrics streamsMetrics, HealthServer health, PredictorMetrics metrics) {
        this.config = config;
        this.streams = streams;
        this.registry = registry;
        this.streamsMetrics = streamsMetrics;
        this.health = health;
        this.metrics = metrics;
    }

    /** Starts the predictor; {@code partitions} is used only when the topics do not exist yet. */
    public static Predictor start(PredictorConfig config, PredictorSerdes serdes, Nowcaster nowcaster, int partitions) {
        Duration batchTime = timeOneBatch(nowcaster, config);
        Duration pollBudget = batchTime.multipliedBy(10);
        if (pollBudget.compareTo(config.maxPollInterval()) > 0) {
            LOG.info("one batch of {} windows took {} ms; raising max.poll.interval.ms from {} to {} ms",
                    config.maxBatch(), batchTime.toMillis(), config.maxPollInterval().toMillis(), pollBudget.toMillis());
            config = config.toBuilder().maxPollInterval(pollBudget).build();
        } else {
            LOG.info("one batch of {} windows took {} ms (max.poll.interval.ms {})", config.maxBatch(),
                    batchTime.toMillis(), config.maxPollInterval().toMillis());
        }
        String clusterId = ensureTopics(config, partitions);
        // the stores mirror one cluster's changelogs: kept per cluster, a new cluster never meets stale state
        Path stores = ClusterStateDirectory.resolve(config.stateDir(), clusterId, config.framesTopic(),
                config.bootstrapServers());
        LOG.info("predictor state for cluster {} in {}", clusterId, stores);
        config = config.toBuilder().stateDir(stores).build();

        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        PredictorMetrics metrics = new PredictorMetrics(registry);
        String device = nowcaster.identity().device();
        metrics.device(nowcaster.identity().name(), device);
        LOG.info("nowcaster {} runs on {}; up to {} windows per batch, {} batch(es) at a time", nowcaster.identity().name(),
                device == null ? "the CPU (no network)" : device, config.maxBatch(), config.parallelBatches());
        KafkaStreams streams = new KafkaStreams(new PredictorTopology(config, serdes, nowcaster, metrics).build(),
                config.streamsProperties());
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("predictor stream thread failed; shutting the predictor down", e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        KafkaStreamsMetrics streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(registry);
        HealthServer health = null;
        if (config.metricsPort() >= 0) {
            try {
                health = HealthServer.start("127.0.0.1", config.metricsPort(), registry, streams::state, nowcaster::identity);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot serve predictor metrics on 127.0.0.1:" + config.metricsPort(), e);
            }
        }
        streams.start();
        return new Predictor(config, streams, registry, streamsMetrics, health, metrics);
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    public PredictorMetrics metrics() {
        return metrics;
    }

    /** The partitions of the frames topic (= the sources) this instance processes now. */
    public Set<Integer> framePartitions() {
        return streams.metadataForLocalThreads().stream()
                .flatMap(thread -> thread.activeTasks().stream())
                .flatMap(task -> task.topicPartitions().stream())
                .filter(tp -> tp.topic().equals(config.framesTopic()))
                .map(TopicPartition::partition)
                .collect(Collectors.toSet());
    }

    /** Port of the metrics and health endpoint, or -1 when it is off. */
    public int metricsPort() {
        return health == null ? -1 : health.port();
    }

    /** Waits until the stream threads run; false when it did not happen within {@code timeout}. */
    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            KafkaStreams.State s = streams.state();
            if (s == KafkaStreams.State.RUNNING) {
                return true;
            }
            if (s == KafkaStreams.State.ERROR || s == KafkaStreams.State.NOT_RUNNING
                    || s == KafkaStreams.State.PENDING_SHUTDOWN) {
                return false;
            }
            Thread.sleep(50);
        }
        return false;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(Duration.ofSeconds(30)));
        streamsMetrics.close();
        if (health != null) {
            health.close();
        }
        registry.close();
    }

    /** Wall time of one full batch of empty (zero) windows on the model grid, after one warm-up call. */
    static Duration timeOneBatch(Nowcaster nowcaster, PredictorConfig config) {
        PhysicalField zeros = PhysicalField.single(Quantity.RAIN_RATE, config.modelRows(), config.modelCols(),
                new float[config.modelRows() * config.modelCols()]);
        List<InputWindow> batch = new ArrayList<>();
        for (int i = 0; i < config.maxBatch(); i++) {
            batch.add(new InputWindow("calibration-" + i, Collections.nCopies(nowcaster.inputFrames(), zeros),
                    Duration.ofMinutes(5)));
        }
        nowcaster.predict(batch.subList(0, 1));
        long start = System.nanoTime();
        nowcaster.predict(batch);
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** Creates the missing topics; answers the cluster's id. */
    private static String ensureTopics(PredictorConfig config, int partitions) {
        // The overrides carry the client security settings (SASL/TLS), which the admin client needs too.
        Map<String, Object> adminConfig = new HashMap<>(config.streamsOverrides());
        adminConfig.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        try (Admin admin = Admin.create(adminConfig)) {
            TopicCreation.ensure(admin, TopicCreation.withPartitions(partitions, config.framesTopic(),
                    config.forecastsTopic(), config.deadLetterTopic()));
            return ClusterStateDirectory.clusterId(admin, config.bootstrapServers());
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create the predictor's topics on " + config.bootstrapServers()
                    + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("cannot create the predictor's topics on " + config.bootstrapServers()
                    + ": no answer within a minute", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }
}
