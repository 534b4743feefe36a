package nowcast.sink;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import nowcast.avro.DeadLetter;
import nowcast.avro.VerificationScore;
import nowcast.forecast.Forecast;
import nowcast.frame.Frame;
import nowcast.products.ForecastProducts;
import nowcast.schemas.Topics;
import nowcast.schemas.client.ClientOverrides;
import nowcast.schemas.serde.NowcastSerdes;
import nowcast.sink.health.SinkHealth;
import nowcast.sink.products.ProductRecords;
import nowcast.sink.store.ForecastStore;
import nowcast.sink.verify.LeadScore;
import nowcast.sink.verify.RollingScores;
import nowcast.sink.verify.ScoreRecords;
import nowcast.sink.verify.Verifier;
import nowcast.sink.web.DashboardServer;
import nowcast.sink.web.EventHub;
import nowcast.sink.web.SourceBoard;

/**
 * The running sink: consumes the frames and forecasts topics ({@code read_committed}, so aborted
 * predictor transactions are never stored), feeds the {@link SinkPipeline}, produces scores, serves
 * the dashboard and applies retention. Offsets are committed only after a batch is stored, so a crash
 * replays rather than loses forecasts; the store's idempotent writes absorb the replay.
 */
public final class SinkService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SinkService.class);

    /** Settings of the sink with their defaults documented in docs/sink.md. */
    public record Settings(String bootstrap, String registryUrl, Topics topics, String groupId,
                           DashboardServer.Settings web, Duration retention, Duration retentionInterval,
                           int rollingWindow, ClientOverrides client) {
        public Settings {
            client = client == null ? ClientOverrides.none() : client;
        }

        /** Settings without client overrides (a plain local cluster). */
        public Settings(String bootstrap, String registryUrl, Topics topics, String groupId,
                        DashboardServer.Settings web, Duration retention, Duration retentionInterval,
                        int rollingWindow) {
            this(bootstrap, registryUrl, topics, groupId, web, retention, retentionInterval, rollingWindow,
                    ClientOverrides.none());
        }

        public static Settings defaults(String bootstrap, String registryUrl, int port) {
            return new Settings(bootstrap, registryUrl, Topics.defaults(), "nowcast-sink",
                    DashboardServer.Settings.localhost(port), Duration.ofDays(7), Duration.ofMinutes(10), 100);
        }
    }

    private final Settings settings;
    private final ForecastStore store;
    private final SinkHealth health;
    private final SinkPipeline pipeline;
    private final DashboardServer server;
    private final KafkaConsumer<String, byte[]> consumer;
    private final KafkaProducer<String, VerificationScore> producer;
    private final KafkaProducer<String, DeadLetter> deadLetters;
    private final KafkaProducer<String, nowcast.avro.ForecastProducts> products;
    private final Deserializer<Frame> frames;
    private final Deserializer<Forecast> forecasts;
    private final ScheduledExecutorService housekeeping;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean started;

    public SinkService(Settings settings, ForecastStore store) {
        this.settings = settings;
        this.store = store;
        Clock clock = Clock.systemUTC();
        Map<String, Object> serdeConfig = settings.client().serdeConfig(settings.registryUrl());
        this.frames = NowcastSerdes.frames(serdeConfig).deserializer();
        this.forecasts = NowcastSerdes.forecasts(serdeConfig).deserializer();
        this.health = new SinkHealth(clock);
        RollingScores rolling = new RollingScores(settings.rollingWindow());
        SourceBoard board = new SourceBoard(clock);
        EventHub events = new EventHub(256, 64);
        this.producer = new KafkaProducer<>(producerConfig(), new StringSerializer(),
                NowcastSerdes.scores(serdeConfig).serializer());
        this.deadLetters = new KafkaProducer<>(producerConfig(), new StringSerializer(),
                NowcastSerdes.deadLetters(serdeConfig).serializer());
        Properties productConfig = producerConfig();
        // Probability rasters are mostly zeros: compressed they stay far below the broker's message limit.
        productConfig.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        productConfig.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, "8388608");
        this.products = new KafkaProducer<>(productConfig, new StringSerializer(),
                NowcastSerdes.avro(nowcast.avro.ForecastProducts.class, serdeConfig).serializer());
        this.pipeline = new SinkPipeline(store, Verifier.withDefaults(), rolling, board, events, health,
                this::publishScore, this::publishProducts);
        this.server = new DashboardServer(settings.web(), store, board, rolling, health, events,
                pipeline::pendingVerifications);
        this.consumer = new KafkaConsumer<>(consumerConfig(), new StringDeserializer(), new ByteArrayDeserializer());
        this.housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sink-housekeeping");
            t.setDaemon(true);
            return t;
        });
        health.gauge("nowcast_sink_sse_clients", "Connected SSE clients", events, EventHub::clients);
        health.gauge("nowcast_sink_pending_verifications", "Forecasts waiting for observations", pipeline,
                SinkPipeline::pendingVerifications);
    }

    private Properties consumerConfig() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrap());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "50");
        return settings.client().applyTo(p);
    }

    private Properties producerConfig() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrap());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        return settings.client().applyTo(p);
    }

    /** The dashboard's port (useful with port 0). */
    public int port() {
        return server.port();
    }

    /** Starts the web server and housekeeping, then consumes until {@link #close()}. */
    public void run() {
        started = true;
        try {
            consume();
        } finally {
            stopped.countDown();
        }
    }

    private void consume() {
        server.start();
        housekeeping.scheduleWithFixedDelay(this::applyRetention, 0, settings.retentionInterval().toMillis(),
                TimeUnit.MILLISECONDS);
        consumer.subscribe(List.of(settings.topics().frames(), settings.topics().forecasts()));
        LOG.info("sink consuming {} and {} from {}; store {}", settings.topics().frames(),
                settings.topics().forecasts(), settings.bootstrap(), store.describe());
        long lastLag = 0;
        try {
            while (running.get()) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
                for (ConsumerRecord<String, byte[]> r : records) {
                    process(r);
                }
                if (!records.isEmpty()) {
                    consumer.commitSync();
                }
                if (System.currentTimeMillis() - lastLag > 2000) {
                    health.consumerLag(lag());
                    lastLag = System.currentTimeMillis();
                }
            }
        } catch (WakeupException stopping) {
            LOG.debug("sink consumer woken up to stop");
        } finally {
            consumer.close();
        }
    }

    private void process(ConsumerRecord<String, byte[]> r) {
        String where = r.topic() + "/" + r.partition() + "@" + r.offset();
        try {
            if (r.topic().equals(settings.topics().forecasts())) {
                Forecast f = forecasts.deserialize(r.topic(), r.value());
                pipeline.onForecast(f);
            } else {
                pipeline.onFrame(frames.deserialize(r.topic(), r.value()));
            }
        } catch (IOException e) {
            // The store is down: stop without committing, so the forecast is consumed again on restart.
            throw new IllegalStateException("storing the forecast at " + where + " failed; not committing", e);
        } catch (RuntimeException e) {
            health.failed();
            LOG.warn("record {} cannot be processed, sent to {}: {}", where, settings.topics().deadLetter(),
                    e.toString());
            deadLetter(r, e);
        }
    }

    private void deadLetter(ConsumerRecord<String, byte[]> r, RuntimeException e) {
        DeadLetter letter = DeadLetter.newBuilder()
                .setStage("sink")
                .setReason(e.getMessage() == null ? e.toString() : e.getMessage())
                .setErrorClass(e.getClass().getName())
                .setSourceId(r.key())
                .setTopic(r.topic())
                .setPartition(r.partition())
                .setOffset(r.offset())
                .setOriginalKey(r.key() == null ? null : ByteBuffer.wrap(r.key().getBytes(StandardCharsets.UTF_8)))
                .setOriginalValue(r.value() == null ? null : ByteBuffer.wrap(r.value()))
                .setFailedAt(Instant.now())
                .build();
        deadLetters.send(new ProducerRecord<>(settings.topics().deadLetter(), r.key(), letter));
    }

    private long lag() {
        long total = 0;
        for (TopicPartition tp : consumer.assignment()) {
            total += consumer.currentLag(tp).orElse(0);
        }
        return total;
    }

    private void publishScore(LeadScore s) {
        producer.send(new ProducerRecord<>(settings.topics().scores(), s.sourceId(), ScoreRecords.toAvro(s)),
                (meta, e) -> {
                    if (e != null) {
                        LOG.warn("score of {} at {} lead {} not sent: {}", s.sourceId(), s.baseTime(), s.leadIndex(),
                                e.toString());
                    }
                });
    }

    private void publishProducts(Forecast f, ForecastProducts made) {
        if (made.isEmpty()) {
            return;
        }
        products.send(new ProducerRecord<>(settings.topics().products(), f.sourceId(),
                ProductRecords.toAvro(f, made)), (meta, e) -> {
                    if (e != null) {
                        LOG.warn("products of {} at {} not sent: {}", f.sourceId(), f.baseTime(), e.toString());
                    }
                });
    }

    private void applyRetention() {
        try {
            int removed = store.deleteWrittenBefore(Instant.now().minus(settings.retention()));
            if (removed > 0) {
                LOG.info("retention: removed {} forecasts written more than {} ago", removed, settings.retention());
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("retention pass over {} failed: {}", store.describe(), e.toString());
        }
    }

    @Override
    public void close() {
        if (!running.getAndSet(false)) {
            return;
        }
        housekeeping.shutdownNow();
        if (started) {
            consumer.wakeup();
            try {
                // Producers stay open until the loop has finished its last record.
                if (!stopped.await(30, TimeUnit.SECONDS)) {
                    LOG.warn("sink consumer loop did not stop within 30 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else {
            consumer.close();
        }
        server.close();
        producer.close(Duration.ofSeconds(5));
        products.close(Duration.ofSeconds(5));
        deadLetters.close(Duration.ofSeconds(5));
    }
}
