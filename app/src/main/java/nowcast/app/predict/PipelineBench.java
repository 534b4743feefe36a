package nowcast.app.predict;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import nowcast.forecast.Forecast;
import nowcast.frame.Frame;
import nowcast.frame.PhysicalField;
import nowcast.frame.Quantisation;
import nowcast.model.InputWindow;
import nowcast.ingestion.synthetic.StormSettings;
import nowcast.ingestion.synthetic.SyntheticStorms;
import nowcast.model.Nowcaster;
import nowcast.platform.broker.EmbeddedKafkaBroker;
import nowcast.platform.registry.EmbeddedSchemaRegistry;
import nowcast.predictor.Predictor;
import nowcast.predictor.PredictorConfig;
import nowcast.predictor.PredictorSerdes;
import nowcast.schemas.Topics;
import nowcast.schemas.client.TopicCreation;
import nowcast.schemas.serde.NowcastSerdes;

/**
 * Drives synthetic frames of {@code sources} sources through an in-process broker and registry and a real
 * predictor, and measures frames/s, forecasts/s and the end-to-end latency from a frame's produce call to
 * its forecast being readable by a {@code read_committed} consumer. Also measures the nowcaster alone on
 * full batches in the same process, the ceiling the pipeline is compared with.
 */
final class PipelineBench {

    record Settings(int sources, int framesPerSource, long roundIntervalMillis, int partitions, int grid,
                    PredictorConfig.Builder predictor) {
    }

    record Result(int frames, int forecasts, double framesPerSecond, double forecastsPerSecond,
                  double steadyForecastsPerSecond, double p50Millis, double p95Millis, double p99Millis,
                  double maxMillis, double standaloneWindowsPerSecond, int standaloneBatch, double meanBatch) {
    }

    private final Settings settings;
    private final Nowcaster nowcaster;
    private final PrintStream progress;

    PipelineBench(Settings settings, Nowcaster nowcaster, PrintStream progress) {
        this.settings = settings;
        this.nowcaster = nowcaster;
        this.progress = progress;
    }

    Result run() throws Exception {
        PredictorConfig probe = settings.predictor().build();
        progress.printf("standalone: timing %s on batches of %d windows ...%n", nowcaster.identity().name(),
                probe.maxBatch());
        double standalone = standaloneWindowsPerSecond(probe.maxBatch());
        progress.printf("standalone: %.1f windows/s%n", standalone);

        Path dir = Files.createTempDirectory("nowcast-bench-");
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0);
             EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(0, broker.bootstrapServers())) {
            Topics topics = Topics.defaults();
            createTopics(broker.bootstrapServers(), topics);
            Map<String, Object> serde = NowcastSerdes.config(registry.url());
            PredictorConfig config = settings.predictor().bootstrapServers(broker.bootstrapServers()).topics(topics).stateDir(dir.resolve("state"))
                    .metricsPort(-1).build();
            try (Predictor predictor = Predictor.start(config, new PredictorSerdes(NowcastSerdes.frames(serde),
                    NowcastSerdes.forecasts(serde), NowcastSerdes.deadLetters(serde)), nowcaster,
                    settings.partitions())) {
                if (!predictor.awaitRunning(Duration.ofSeconds(120))) {
                    throw new IllegalStateException("predictor did not reach RUNNING: " + predictor.state());
                }
                return drive(broker.bootstrapServers(), serde, topics, standalone, probe.maxBatch());
            }
        } finally {
            deleteTree(dir);
        }
    }

    private Result drive(String bootstrap, Map<String, Object> serde, Topics topics, double standalone,
                         int maxBatch) throws Exception {
        int expected = settings.sources() * (settings.framesPerSource() - 9);
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        List<long[]> received = Collections.synchronizedList(new ArrayList<>());
        List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean stop = new AtomicBoolean();
        Thread reader = new Thread(() -> read(bootstrap, serde, topics.forecasts(), sentAt, received, batchSizes, stop),
                "bench-forecast-reader");
        reader.start();
        Thread.sleep(2000); // let the reader join and reach the end of the empty topic

        SyntheticStorms storm = storms(settings.sources());
        Instant t0 = Instant.parse("2024-06-01T00:00:00Z");
        Map<String, Object> producerConfig = new HashMap<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.LINGER_MS_CONFIG, 0, ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 * 1024 * 1024,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"));
        long firstSend = System.currentTimeMillis();
        long lastProgress = firstSend;
        try (KafkaProducer<String, Frame> producer = new KafkaProducer<>(producerConfig, new StringSerializer(),
                NowcastSerdes.frames(serde).serializer())) {
            for (int k = 0; k < settings.framesPerSource(); k++) {
                long roundStart = System.currentTimeMillis();
                for (int s = 0; s < settings.sources(); s++) {
                    // Sources report at their own moment within each round, as real radars do, instead of
                    // all at once; a burst would measure the time to drain the burst, not the latency.
                    long due = roundStart + s * settings.roundIntervalMillis() / settings.sources();
                    long early = due - System.currentTimeMillis();
                    if (early > 0) {
                        Thread.sleep(early);
                    }
                    String source = "synthetic-" + s;
                    PhysicalField field = storm.field(s, k);
                    Instant time = t0.plus(Duration.ofMinutes(5L * k));
                    Frame frame = new Frame(source, time, Duration.ofMinutes(5), "synthetic-rain-rate", field,
                            Quantisation.float32(), null, null, null);
                    sentAt.put(source + "@" + time.toEpochMilli(), System.currentTimeMillis());
                    producer.send(new ProducerRecord<>(topics.frames(), source, frame));
                    if (settings.roundIntervalMillis() > 0) {
                        producer.flush();
                    }
                }
                producer.flush();
                if (System.currentTimeMillis() - lastProgress > 2000) {
                    lastProgress = System.currentTimeMillis();
                    progress.printf("sent %d/%d rounds, %d/%d forecasts committed%n", k + 1,
                            settings.framesPerSource(), received.size(), expected);
                }
                long wait = settings.roundIntervalMillis() - (System.currentTimeMillis() - roundStart);
                if (wait > 0) {
                    Thread.sleep(wait);
                }
            }
        }
        long deadline = System.currentTimeMillis() + Duration.ofMinutes(10).toMillis();
        while (received.size() < expected && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
            if (System.currentTimeMillis() - lastProgress > 2000) {
                lastProgress = System.currentTimeMillis();
                progress.printf("%d/%d forecasts committed%n", received.size(), expected);
            }
        }
        stop.set(true);
        reader.join();
        if (received.size() < expected) {
            throw new IllegalStateException("only " + received.size() + " of " + expected
                    + " forecasts arrived within 10 minutes");
        }

        long[] latencies = received.stream().mapToLong(r -> r[1]).sorted().toArray();
        long firstForecast = received.stream().mapToLong(r -> r[0]).min().orElseThrow();
        long lastForecast = received.stream().mapToLong(r -> r[0]).max().orElseThrow();
        double span = Math.max(1, lastForecast - firstSend) / 1000.0;
        double steadySpan = Math.max(1, lastForecast - firstForecast) / 1000.0;
        int frames = settings.sources() * settings.framesPerSource();
        return new Result(frames, received.size(), frames / span, received.size() / span,
                (received.size() - 1) / steadySpan, percentile(latencies, 50), percentile(latencies, 95),
                percentile(latencies, 99), latencies[latencies.length - 1], standalone, maxBatch,
                batchSizes.stream().mapToInt(Integer::intValue).average().orElse(0));
    }

    private static void read(String bootstrap, Map<String, Object> serde, String topic, Map<String, Long> sentAt,
                             List<long[]> received, List<Integer> batchSizes, AtomicBoolean stop) {
        Map<String, Object> config = new HashMap<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "bench-reader", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"));
        try (KafkaConsumer<String, Forecast> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                NowcastSerdes.forecasts(serde).deserializer())) {
            consumer.subscribe(List.of(topic));
            while (!stop.get()) {
                for (ConsumerRecord<String, Forecast> r : consumer.poll(Duration.ofMillis(20))) {
                    long now = System.currentTimeMillis();
                    Long sent = sentAt.get(r.key() + "@" + r.value().baseTime().toEpochMilli());
                    received.add(new long[] {now, sent == null ? -1 : now - sent});
                    batchSizes.add(r.value().timings().batchSize());
                }
            }
        }
    }

    /** Windows per second of the nowcaster alone on full batches: one warm-up batch, then at least 3 s. */
    private double standaloneWindowsPerSecond(int batch) {
        SyntheticStorms storm = storms(batch);
        List<InputWindow> windows = new ArrayList<>();
        for (int i = 0; i < batch; i++) {
            List<PhysicalField> frames = new ArrayList<>();
            for (int k = 0; k < nowcaster.inputFrames(); k++) {
                frames.add(storm.field(i, k));
            }
            windows.add(new InputWindow("standalone-" + i, frames, Duration.ofMinutes(5)));
        }
        nowcaster.predict(windows);
        int done = 0;
        long start = System.nanoTime();
        while (System.nanoTime() - start < 3_000_000_000L || done < 3 * batch) {
            nowcaster.predict(windows);
            done += batch;
        }
        return done / ((System.nanoTime() - start) / 1e9);
    }

    private void createTopics(String bootstrap, Topics topics) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Map<String, Integer> partitions = TopicCreation.withPartitions(settings.partitions(), topics.frames(),
                    topics.forecasts());
            partitions.put(topics.deadLetter(), 1);
            TopicCreation.ensure(admin, partitions);
        }
    }

    /**
     * The rain of {@code sources} sources on the bench grid: the generator of {@code nowcast ingest
     * synthetic} and the demo, so the bench carries the same kind of fields as the pipeline in use.
     */
    private SyntheticStorms storms(int sources) {
        return new SyntheticStorms(StormSettings.defaults().withSources(sources).withGrid(settings.grid(), settings.grid()));
    }

    static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static void deleteTree(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete bench directory " + dir, e);
        }
    }
}
