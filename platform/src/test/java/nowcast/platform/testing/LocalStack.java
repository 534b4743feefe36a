package nowcast.platform.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import nowcast.platform.broker.EmbeddedKafkaBroker;
import nowcast.platform.registry.EmbeddedSchemaRegistry;
import nowcast.schemas.Topics;
import nowcast.schemas.registry.RegistryConfig;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One broker and one schema registry per JVM, started on first use on free ports in a temporary
 * directory and stopped (directory deleted) by a shutdown hook. Meant for tests: every test
 * class shares the stack and keeps out of the others' way by using {@link #freshTopic} or
 * {@link #freshTopics} names.
 */
public final class LocalStack {

    private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);
    private static LocalStack shared;

    private final Path dir;
    private final EmbeddedKafkaBroker broker;
    private final EmbeddedSchemaRegistry registry;
    private final AtomicInteger counter = new AtomicInteger();
    private final String runId = UUID.randomUUID().toString().substring(0, 8);

    private LocalStack(Path dir, EmbeddedKafkaBroker broker, EmbeddedSchemaRegistry registry) {
        this.dir = dir;
        this.broker = broker;
        this.registry = registry;
    }

    /** The JVM's stack, started on the first call (a few seconds). */
    public static synchronized LocalStack shared() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "local-stack-shutdown"));
        }
        return shared;
    }

    private static LocalStack start() {
        Path dir;
        try {
            dir = Files.createTempDirectory("nowcast-localstack-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for the local Kafka stack", e);
        }
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0);
        try {
            EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(0, broker.bootstrapServers());
            return new LocalStack(dir, broker, registry);
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    private void stop() {
        registry.close();
        broker.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warn("could not delete {}: {}", dir, e.toString());
        }
    }

    public EmbeddedKafkaBroker broker() {
        return broker;
    }

    public EmbeddedSchemaRegistry registry() {
        return registry;
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    public String registryUrl() {
        return registry.url();
    }

    /** {@code bootstrap.servers} and {@code schema.registry.url}: a base for producer, consumer, Streams and serde configs. */
    public Map<String, Object> clientConfig() {
        Map<String, Object> m = new HashMap<>(RegistryConfig.of(registry.url()).toMap());
        m.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        return m;
    }

    /** {@link #clientConfig()} plus what a test consumer needs: a fresh group, reading from the start. */
    public Map<String, Object> consumerConfig() {
        Map<String, Object> m = clientConfig();
        m.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + runId + "-" + counter.incrementAndGet());
        m.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return m;
    }

    /** The serde config: {@code schema.registry.url} only. */
    public Map<String, Object> serdeConfig() {
        return new HashMap<>(RegistryConfig.of(registry.url()).toMap());
    }

    /** A topic name no other caller in this JVM gets (the topic is not created). */
    public String freshTopic(String base) {
        return base + "-" + runId + "-" + counter.incrementAndGet();
    }

    /** A fresh topic name, with the topic created with {@code partitions} partitions. */
    public String createTopic(String base, int partitions) {
        String name = freshTopic(base);
        createTopics(partitions, name);
        return name;
    }

    /** A fresh prefix for the project's topics, all four created with {@code partitions} partitions. */
    public Topics freshTopics(int partitions) {
        Topics topics = Topics.withPrefix(freshTopic("nowcast"));
        createTopics(partitions, topics.frames(), topics.forecasts(), topics.scores(), topics.deadLetter());
        return topics;
    }

    public void createTopics(int partitions, String... names) {
        try (Admin admin = Admin.create(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers()))) {
            List<NewTopic> topics = Stream.of(names).map(n -> new NewTopic(n, partitions, (short) 1)).toList();
            admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot create topics " + List.of(names) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }
}
