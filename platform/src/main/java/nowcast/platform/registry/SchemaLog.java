package nowcast.platform.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The compacted Kafka topic that holds every registration and setting, in Confluent's key/value
 * JSON layout. A reader thread applies it to the {@link SchemaStore} in log order; a write returns
 * once this instance has read it back, so every answer reflects the writes before it.
 */
final class SchemaLog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaLog.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String topic;
    private final TopicPartition partition;
    private final SchemaStore store;
    private final Admin admin;
    private final KafkaProducer<String, String> producer;
    private final KafkaConsumer<String, String> consumer;
    private final Thread reader;
    private final Object progress = new Object();
    private volatile long position;
    private volatile RuntimeException readerFailure;
    private volatile boolean running = true;
    private boolean started;

    SchemaLog(String bootstrap, String topic, SchemaStore store) {
        this(bootstrap, topic, store, Map.of());
    }

    /** {@code clientOverrides}: extra Kafka client settings (SASL/TLS) for the log's admin, producer and consumer. */
    SchemaLog(String bootstrap, String topic, SchemaStore store, Map<String, String> clientOverrides) {
        this.topic = topic;
        this.partition = new TopicPartition(topic, 0);
        this.store = store;
        String client = "nowcast-registry-" + ProcessHandle.current().pid() + "-" + System.identityHashCode(this);
        this.admin = Admin.create(withOverrides(clientOverrides, Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap, AdminClientConfig.CLIENT_ID_CONFIG, client + "-admin")));
        this.producer = new KafkaProducer<>(withOverrides(clientOverrides, Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.CLIENT_ID_CONFIG, client + "-writer",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)), new StringSerializer(), new StringSerializer());
        this.consumer = new KafkaConsumer<>(withOverrides(clientOverrides, Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.CLIENT_ID_CONFIG, client + "-reader",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")), new StringDeserializer(),
                new StringDeserializer());
        this.reader = new Thread(this::readLoop, "schema-log-reader");
        this.reader.setDaemon(true);
    }

    private static Map<String, Object> withOverrides(Map<String, String> overrides, Map<String, Object> base) {
        Map<String, Object> config = new java.util.HashMap<>(base);
        config.putAll(overrides);
        return config;
    }

    /** Creates the topic when missing and reads it to its end. */
    void start(Duration timeout) {
        NewTopic newTopic = new NewTopic(topic, Optional.of(1), Optional.empty())
                .configs(Map.of("cleanup.policy", "compact"));
        try {
            admin.createTopics(List.of(newTopic)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            LOG.info("created schema topic {}", topic);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create the schema topic '" + topic + "': "
                        + e.getCause().getMessage(), e.getCause());
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer within " + timeout
                    + " while creating the schema topic '" + topic + "'", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the schema topic", e);
        }
        consumer.assign(List.of(partition));
        consumer.seekToBeginning(List.of(partition));
        reader.start();
        started = true;
        syncToEnd(timeout);
    }

    /** Waits until every record logged so far (by any instance) has been applied here. */
    void syncToEnd(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long end;
        while (true) {
            try {
                end = admin.listOffsets(Map.of(partition, OffsetSpec.latest())).partitionResult(partition)
                        .get(timeout.toMillis(), TimeUnit.MILLISECONDS).offset();
                break;
            } catch (ExecutionException e) {
                // a topic created a moment ago may not be in the broker's metadata yet (seen on a loaded machine)
                if (!(e.getCause() instanceof RetriableException) || System.nanoTime() > deadline) {
                    throw new RegistryError(500, 50001, "Error while reading the schema topic '" + topic + "': " + e);
                }
            } catch (TimeoutException e) {
                throw new RegistryError(500, 50001, "Error while reading the schema topic '" + topic + "': " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RegistryError(500, 50001, "interrupted");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RegistryError(500, 50001, "interrupted");
            }
        }
        awaitPosition(end, timeout);
    }

    void appendSchema(String subject, int version, int id, String schema, boolean deleted, Duration timeout) {
        ObjectNode key = JSON.createObjectNode().put("keytype", "SCHEMA").put("subject", subject)
                .put("version", version).put("magic", 1);
        ObjectNode value = JSON.createObjectNode().put("subject", subject).put("version", version).put("id", id)
                .put("schema", schema).put("deleted", deleted);
        append(key.toString(), value.toString(), timeout);
    }

    void appendLevel(String subject, CompatibilityLevel level, Duration timeout) {
        ObjectNode key = JSON.createObjectNode().put("keytype", "CONFIG").put("magic", 0);
        if (subject == null) {
            key.putNull("subject");
        } else {
            key.put("subject", subject);
        }
        String value = level == null ? null
                : JSON.createObjectNode().put("compatibilityLevel", level.name()).toString();
        append(key.toString(), value, timeout);
    }

    private void append(String key, String value, Duration timeout) {
        RecordMetadata meta;
        try {
            meta = producer.send(new ProducerRecord<>(topic, 0, key, value)).get(timeout.toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new RegistryError(500, 50001, "Error while writing to the schema topic '" + topic + "': " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryError(500, 50001, "interrupted");
        }
        awaitPosition(meta.offset() + 1, timeout);
    }

    private void awaitPosition(long offset, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (progress) {
            while (position < offset) {
                if (readerFailure != null) {
                    throw new RegistryError(500, 50001, "the schema topic reader failed: " + readerFailure);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new RegistryError(500, 50002, "timed out reading the schema topic '" + topic
                            + "' up to offset " + offset + " (at " + position + ")");
                }
                try {
                    progress.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new RegistryError(500, 50001, "interrupted");
                }
            }
        }
    }

    private void readLoop() {
        try {
            while (running) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    apply(r);
                }
                long now = consumer.position(partition);
                synchronized (progress) {
                    position = now;
                    progress.notifyAll();
                }
            }
        } catch (WakeupException e) {
            if (running) {
                readerFailure = e;
            }
        } catch (RuntimeException e) {
            LOG.error("schema topic reader stopped", e);
            readerFailure = e;
        } finally {
            consumer.close();
            synchronized (progress) {
                progress.notifyAll();
            }
        }
    }

    private void apply(ConsumerRecord<String, String> r) {
        try {
            JsonNode key = JSON.readTree(r.key());
            String type = key.path("keytype").asText();
            JsonNode subjectNode = key.get("subject");
            String subject = subjectNode == null || subjectNode.isNull() ? null : subjectNode.asText();
            if ("SCHEMA".equals(type)) {
                if (r.value() == null) {
                    store.removeVersion(subject, key.path("version").asInt());
                    return;
                }
                JsonNode v = JSON.readTree(r.value());
                store.applySchema(v.path("subject").asText(), v.path("version").asInt(), v.path("id").asInt(),
                        v.path("schema").asText(), v.path("deleted").asBoolean(false));
            } else if ("CONFIG".equals(type)) {
                CompatibilityLevel level = r.value() == null ? null
                        : CompatibilityLevel.parse(JSON.readTree(r.value()).path("compatibilityLevel").asText());
                store.applyLevel(subject, level);
            }
        } catch (Exception e) {
            LOG.warn("skipping unreadable record at offset {} of {}: {}", r.offset(), topic, e.toString());
        }
    }

    @Override
    public void close() {
        running = false;
        if (started) {
            consumer.wakeup();
            try {
                reader.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else {
            consumer.close();
        }
        producer.close(Duration.ofSeconds(5));
        admin.close(Duration.ofSeconds(5));
    }
}
