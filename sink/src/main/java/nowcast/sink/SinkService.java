package nowcast.sink;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import nowcast.frame.PhysicalField;
import nowcast.products.Calibration;
import nowcast.products.ForecastProducts;
import nowcast.schemas.Topics;
import nowcast.schemas.client.ClientOverrides;
import nowcast.schemas.deadletter.DeadLetterBuilder;
import nowcast.schemas.serde.NowcastSerdes;
import nowcast.sink.alerts.Alert;
import nowcast.sink.alerts.AlertEngine;
import nowcast.sink.alerts.AlertDocument;
import nowcast.sink.alerts.AlertLog;
import nowcast.sink.alerts.AlertRule;
import nowcast.sink.alerts.Alerting;
import nowcast.sink.alerts.RuleBook;
import nowcast.sink.alerts.RuleLog;
import nowcast.sink.alerts.RuleRequests;
import nowcast.sink.alerts.SourceFacts;
import nowcast.sink.alerts.WebhookDispatcher;
import nowcast.sink.alerts.WebhookPolicy;
import nowcast.sink.health.SinkHealth;
import nowcast.sink.map.MapViews;
import nowcast.sink.products.ProductRecords;
import nowcast.sink.store.ForecastKey;
import nowcast.sink.store.ForecastStore;
import nowcast.sink.verify.LeadScore;
import nowcast.sink.verify.RollingScores;
import nowcast.sink.verify.ScoreRecords;
import nowcast.sink.verify.Verifier;
import nowcast.sink.web.DashboardFeed;
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
                           int rollingWindow, ClientOverrides client, AlertSettings alerts,
                           int deadLetterAttachmentLimit) {
        public Settings {
            client = client == null ? ClientOverrides.none() : client;
            alerts = alerts == null ? AlertSettings.defaults() : alerts;
        }

        /** Settings with the default dead-letter attachment limit. */
        public Settings(String bootstrap, String registryUrl, Topics topics, String groupId,
                        DashboardServer.Settings web, Duration retention, Duration retentionInterval,
                        int rollingWindow, ClientOverrides client, AlertSettings alerts) {
            this(bootstrap, registryUrl, topics, groupId, web, retention, retentionInterval, rollingWindow, client,
                    alerts, DeadLetterBuilder.DEFAULT_ATTACHMENT_LIMIT);
        }

        /** Settings with the default alert settings. */
        public Settings(String bootstrap, String registryUrl, Topics topics, String groupId,
                        DashboardServer.Settings web, Duration retention, Duration retentionInterval,
                        int rollingWindow, ClientOverrides client) {
            this(bootstrap, registryUrl, topics, groupId, web, retention, retentionInterval, rollingWindow, client,
                    AlertSettings.defaults());
        }

        public Settings withAlerts(AlertSettings a) {
            return new Settings(bootstrap, registryUrl, topics, groupId, web, retention, retentionInterval,
                    rollingWindow, client, a, deadLetterAttachmentLimit);
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

    /** Area alerts: whether webhooks may reach private-network hosts, and how they are called. */
    public record AlertSettings(boolean allowPrivateWebhooks, WebhookDispatcher.Settings webhooks) {
        public static AlertSettings defaults() {
            return new AlertSettings(false, WebhookDispatcher.Settings.defaults());
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
    private final SourceBoard board;
    private final EventHub events;
    private final AlertLog alertLog;
    private final RuleLog ruleLog;
    private final Alerting alerting;
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
        this.board = new SourceBoard(clock);
        this.events = new EventHub(256, 64);
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
        MapViews views = new MapViews();
        RuleBook book = new RuleBook();
        WebhookPolicy policy = new WebhookPolicy(settings.alerts().allowPrivateWebhooks());
        this.alertLog = new AlertLog(settings.topics().alerts(), producerConfig(), readerConfig(), serdeConfig);
        this.ruleLog = new RuleLog(settings.topics().alertRules(), book, this::ruleDeleted, producerConfig(),
                readerConfig(), adminConfig(), serdeConfig);
        WebhookDispatcher webhooks = new WebhookDispatcher(settings.alerts().webhooks(), policy, this::webhookFailed,
                clock);
        this.alerting = new Alerting(book, new RuleRequests(this::facts, policy, clock), new Alerting.RuleStore() {
            @Override
            public void put(AlertRule rule) {
                ruleLog.put(rule);
            }

            @Override
            public void delete(String id) {
                ruleLog.delete(id);
            }
        }, issue -> new AlertEngine(book, views, Calibration.shipped(), issue, clock), webhooks, this::publishAlert);
        this.pipeline = new SinkPipeline(store, Verifier.withDefaults(), rolling, health, this::publishScore,
                SinkListener.both(new DashboardFeed(board, events), new SinkListener() {
                    @Override
                    public void forecastStored(Forecast f, ForecastProducts p) {
                        publishProducts(f, p);
                        alerting.onForecast(f, p);
                    }
                }));
        this.server = new DashboardServer(settings.web(), store, board, rolling, health, events,
                pipeline::pendingVerifications, views, alerting);
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

    /** A consumer outside any group that reads whole topics (rules, alerts) by assignment. */
    private Properties readerConfig() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrap());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return settings.client().applyTo(p);
    }

    private Properties adminConfig() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrap());
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
        ruleLog.start(Duration.ofSeconds(30));
        int restored = alertLog.replay(alerting.engine()::restore);
        LOG.info("alerts: {} rules, state restored from {} alerts on {}", alerting.rules().size(), restored,
                settings.topics().alerts());
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
                    // alerts first: a forecast whose alert did not reach the topic is checked again after a crash
                    alertLog.flush();
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
        DeadLetter letter = DeadLetterBuilder.of("sink", DeadLetterBuilder.reasonOf(e), Instant.now(),
                        settings.deadLetterAttachmentLimit())
                .error(e).source(r.key(), null).origin(r.topic(), r.partition(), r.offset())
                .original(r.key() == null ? null : r.key().getBytes(StandardCharsets.UTF_8), r.value())
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

    private void publishAlert(Alert a) {
        alertLog.publish(a);
        events.publish("alert", SinkJson.text(AlertDocument.of(a)));
        LOG.info("alert {}: rule {} on {} ({}, max {} {})", a.kind(), a.ruleId(), a.sourceId(), a.baseTime(),
                a.maxValue(), a.unit());
    }

    private void ruleDeleted(String id) {
        if (alerting != null) {
            alerting.engine().forget(id);
        }
    }

    private void webhookFailed(WebhookDispatcher.Delivery d, String reason) {
        DeadLetter letter = DeadLetterBuilder.of("webhook",
                        reason + " (" + d.url() + ", attempt " + d.attempt() + ")", Instant.now(),
                        settings.deadLetterAttachmentLimit())
                .origin(settings.topics().alerts(), null, null)
                .original(d.ruleId().getBytes(StandardCharsets.UTF_8), d.body())
                .build();
        deadLetters.send(new ProducerRecord<>(settings.topics().deadLetter(), d.ruleId(), letter));
    }

    /** What a new rule is checked against: the latest forecast's grid, or the latest frame's, or the store. */
    private Optional<SourceFacts> facts(String sourceId) {
        if (!ForecastKey.isSafeSourceId(sourceId)) {
            return Optional.empty();
        }
        Optional<SourceBoard.Latest> latest = board.latest(sourceId);
        if (latest.isPresent()) {
            Forecast f = latest.get().forecast();
            PhysicalField first = f.frames().get(0);
            return Optional.of(new SourceFacts(first.quantity(), f.geo(), first.rows(), first.cols()));
        }
        Optional<Frame> frame = board.latestFrame(sourceId);
        if (frame.isPresent()) {
            PhysicalField field = frame.get().field();
            return Optional.of(new SourceFacts(field.quantity(), frame.get().geo(), field.rows(), field.cols()));
        }
        try {
            return store.sources().contains(sourceId) ? Optional.of(new SourceFacts(null, null, 0, 0))
                    : Optional.empty();
        } catch (IOException e) {
            LOG.warn("store {} cannot list its sources: {}", store.describe(), e.toString());
            return Optional.empty();
        }
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
        alerting.close();
        ruleLog.close();
        alertLog.close();
        producer.close(Duration.ofSeconds(5));
        products.close(Duration.ofSeconds(5));
        deadLetters.close(Duration.ofSeconds(5));
    }
}
