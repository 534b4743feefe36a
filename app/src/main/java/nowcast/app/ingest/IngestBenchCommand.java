package nowcast.app.ingest;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import nowcast.frame.Frame;
import nowcast.ingestion.producer.FrameProducer;
import nowcast.ingestion.producer.ProducerSettings;
import nowcast.ingestion.synthetic.StormSettings;
import nowcast.ingestion.synthetic.SyntheticStorms;
import nowcast.platform.broker.EmbeddedKafkaBroker;
import nowcast.platform.registry.EmbeddedSchemaRegistry;
import nowcast.schemas.Topics;
import nowcast.schemas.client.TopicCreation;
import nowcast.schemas.serde.NowcastSerdes;

/**
 * {@code nowcast bench ingest}: publishes synthetic frames through the real broker with the ingestion producer
 * (serialise, Confluent wire format, idempotent, acks=all, lz4 batches) and then runs Kafka's own
 * {@code ProducerPerformance} on the same broker with the same record size, count and producer settings.
 * Frames are generated before the clock starts: the measurement is the publishing path, not the storm model.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = "Frames/s and MB/s of the frames producer next to Kafka's ProducerPerformance on the same broker.")
public final class IngestBenchCommand implements Callable<Integer> {

    private static final Pattern PERF_TOTAL = Pattern.compile(
            "(\\d+) records sent, ([\\d.]+) records/sec \\(([\\d.]+) MB/sec\\)");

    @Option(names = "--bootstrap", description = "Use this broker (default: start an embedded one in a temporary directory).")
    String bootstrap;

    @Option(names = "--registry", description = "Schema Registry URL (required with --bootstrap).")
    String registry;

    @Option(names = "--frames", defaultValue = "10000", description = "Frames in the timed run (${DEFAULT-VALUE}).")
    int frames;

    @Option(names = "--warmup", defaultValue = "1000", description = "Frames sent before timing (${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--sources", defaultValue = "8", description = "Synthetic sources (keys) (${DEFAULT-VALUE}).")
    int sources;

    @Option(names = "--rows", defaultValue = "128", description = "Grid rows (${DEFAULT-VALUE}).")
    int rows;

    @Option(names = "--cols", defaultValue = "128", description = "Grid columns (${DEFAULT-VALUE}).")
    int cols;

    @Option(names = "--rounds", defaultValue = "3",
            description = "Alternating rounds of both measurements; the median ratio is reported (${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--threads", defaultValue = "1",
            description = "Publishing threads sharing the producer, each with its own sources (${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--partitions", defaultValue = "6", description = "Partitions of the benchmark topics (${DEFAULT-VALUE}).")
    int partitions;

    @Override
    public Integer call() throws Exception {
        if (bootstrap != null && registry == null) {
            throw new IllegalArgumentException("--registry is required with --bootstrap");
        }
        Path dir = null;
        EmbeddedKafkaBroker broker = null;
        EmbeddedSchemaRegistry embeddedRegistry = null;
        try {
            if (bootstrap == null) {
                dir = Files.createTempDirectory("nowcast-bench-ingest-");
                broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0);
                embeddedRegistry = EmbeddedSchemaRegistry.start(0, broker.bootstrapServers());
                bootstrap = broker.bootstrapServers();
                registry = embeddedRegistry.url();
            }
            return run();
        } finally {
            if (embeddedRegistry != null) {
                embeddedRegistry.close();
            }
            if (broker != null) {
                broker.close();
            }
            if (dir != null) {
                try (var files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    private int run() throws Exception {
        String run = "bench-" + System.currentTimeMillis();
        Topics topics = Topics.withPrefix(run);
        String perfTopic = run + ".producer-performance";
        createTopics(topics.frames(), topics.deadLetter(), perfTopic);

        System.out.printf(Locale.ROOT, "generating %d distinct %dx%d frames of %d sources ...%n", 8 * sources, rows, cols,
                sources);
        SyntheticStorms storms = new SyntheticStorms(StormSettings.defaults().withSources(sources).withGrid(rows, cols));
        List<Frame> pool = new ArrayList<>();
        long genStart = System.nanoTime();
        for (int k = 0; k < 8; k++) {
            for (int s = 0; s < sources; s++) {
                pool.add(storms.frame(s, 24 + k));
            }
        }
        double genMillis = (System.nanoTime() - genStart) / 1e6 / pool.size();

        Map<String, Object> client = new HashMap<>(NowcastSerdes.config(registry));
        client.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        ProducerSettings settings = ProducerSettings.of(client, topics);
        Map<String, Object> producerConfig = FrameProducer.producerConfig(settings);
        List<Double> ratios = new ArrayList<>();
        List<String> rowsOut = new ArrayList<>();
        // the two runs alternate, so that load from other processes on a shared machine hits both alike
        try (FrameProducer producer = new FrameProducer(settings, NowcastSerdes.frames(client).serializer(),
                NowcastSerdes.deadLetters(client).serializer())) {
            publish(producer, pool, 0, warmup);
            for (int round = 1; round <= rounds; round++) {
                int offset = warmup + (round - 1) * frames;
                Result ours = publish(producer, pool, offset, frames);
                int recordSize = (int) Math.round((double) ours.bytes / frames);
                System.out.printf(Locale.ROOT, "round %d: nowcast frames producer: %d frames in %.2f s = %.1f frames/s, "
                                + "%.2f MB/s (record %d bytes; serialising %.3f ms a frame; generating a frame took %.2f ms,"
                                + " not timed)%n", round, frames, ours.seconds, frames / ours.seconds,
                        ours.bytes / 1e6 / ours.seconds, recordSize, 1000 * ours.prepareSeconds / frames, genMillis);
                double[] perf = producerPerformance(perfTopic, recordSize, producerConfig);
                double ratio = (frames / ours.seconds) / perf[0];
                ratios.add(ratio);
                System.out.printf(Locale.ROOT, "round %d: kafka ProducerPerformance: %.1f records/s, %.2f MB/s; ratio %.0f %%%n",
                        round, perf[0], perf[1], 100 * ratio);
                rowsOut.add(String.format(Locale.ROOT, "| %s | %dx%d, %d sources, %d thread(s) | %d | %d B | %.1f | %.2f | %.1f | %.2f | %.0f %% |",
                        Instant.now().toString().substring(0, 10), rows, cols, sources, threads, frames, recordSize,
                        frames / ours.seconds, ours.bytes / 1e6 / ours.seconds, perf[0], perf[1], 100 * ratio));
            }
        }
        List<Double> sorted = ratios.stream().sorted().toList();
        double median = sorted.get(sorted.size() / 2);
        System.out.println("| date | frames | count | record | nowcast frames/s | nowcast MB/s | ProducerPerformance rec/s "
                + "| ProducerPerformance MB/s | ratio |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        rowsOut.forEach(System.out::println);
        System.out.printf(Locale.ROOT, "median ratio over %d rounds: %.0f %% of the raw producer's record rate (goal >= 50 %%)%n",
                rounds, 100 * median);
        return 0;
    }

    private record Result(double seconds, long bytes, double prepareSeconds) {
    }

    /**
     * Frames {@code first .. first+count-1}: pool frames re-stamped with distinct times, so each is a new frame.
     * With several threads each thread publishes its own sources, so every source stays in time order
     * (the Kafka producer is shared, as it is meant to be).
     */
    private Result publish(FrameProducer producer, List<Frame> pool, int first, int count) throws Exception {
        AtomicReference<Exception> failure = new AtomicReference<>();
        AtomicLong bytes = new AtomicLong();
        AtomicLong preparing = new AtomicLong();
        ExecutorService workers = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int lane = t;
            done.add(workers.submit(() -> {
                for (int i = first; i < first + count; i++) {
                    Frame f = pool.get(i % pool.size());
                    if (Math.floorMod(f.sourceId().hashCode(), threads) != lane) {
                        continue;
                    }
                    Frame stamped = new Frame(f.sourceId(), f.time().plus(Duration.ofMinutes(40L * (i / pool.size() + 1))),
                            f.cadence(), f.product(), f.field(), f.quantisation(), f.geo(), f.sourcePath(),
                            f.attributes());
                    long t0 = System.nanoTime();
                    FrameProducer.Prepared prepared = producer.prepare(stamped);
                    preparing.addAndGet(System.nanoTime() - t0);
                    bytes.addAndGet(prepared.value().length);
                    producer.send(prepared, e -> {
                        if (e != null) {
                            failure.compareAndSet(null, e);
                        }
                    });
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        workers.shutdown();
        producer.flush();
        double seconds = (System.nanoTime() - start) / 1e9;
        if (failure.get() != null) {
            throw new IllegalStateException("the broker refused a frame: " + failure.get().getMessage(), failure.get());
        }
        return new Result(seconds, bytes.get(), preparing.get() / 1e9 / threads);
    }

    /** Runs {@code org.apache.kafka.tools.ProducerPerformance} in a child JVM; returns records/s and MB/s. */
    private double[] producerPerformance(String topic, int recordSize, Map<String, Object> config) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "org.apache.kafka.tools.ProducerPerformance",
                "--topic", topic, "--num-records", String.valueOf(warmup + frames), "--warmup-records",
                String.valueOf(warmup), "--record-size", String.valueOf(recordSize), "--throughput", "-1",
                "--command-property"));
        for (String key : List.of("bootstrap.servers", "acks", "enable.idempotence", "compression.type", "linger.ms",
                "batch.size", "max.request.size")) {
            command.add(key + "=" + config.get(key));
        }
        System.out.println("running: ProducerPerformance " + String.join(" ", command.subList(4, command.size())));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String last = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            boolean steady = false;
            while ((line = out.readLine()) != null) {
                // the steady-state summary (after the warm-up records) is the one comparable to ours
                if (PERF_TOTAL.matcher(line).find() && (!steady || line.contains("steady state"))) {
                    last = line;
                    steady |= line.contains("steady state");
                }
            }
        }
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0 || last == null) {
            throw new IllegalStateException("ProducerPerformance failed (exit " + process.exitValue() + ")");
        }
        Matcher m = PERF_TOTAL.matcher(last);
        if (!m.find()) {
            throw new IllegalStateException("unexpected ProducerPerformance output: " + last);
        }
        System.out.println("ProducerPerformance: " + last.trim());
        return new double[] {Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3))};
    }

    private void createTopics(String... names) throws Exception {
        try (Admin admin = Admin.create(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            TopicCreation.ensure(admin, TopicCreation.withPartitions(partitions, names));
        }
    }
}
