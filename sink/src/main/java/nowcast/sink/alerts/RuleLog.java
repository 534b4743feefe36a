package nowcast.sink.alerts;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import nowcast.schemas.serde.NowcastSerdes;

/**
 * The rules topic: a compacted topic keyed by rule id whose latest value is the rule (a null value
 * deletes it). Every sink instance reads all of it, from the start, on its own (no consumer group),
 * so each knows every rule after a restart; a rule made through one instance reaches the others
 * within a poll. The topic is created compacted when it does not exist.
 */
public final class RuleLog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RuleLog.class);

    private final String topic;
    private final RuleBook book;
    private final Consumer<String> deleted;
    private final KafkaProducer<String, nowcast.avro.AlertRule> producer;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Deserializer<nowcast.avro.AlertRule> values;
    private final Properties adminConfig;
    private final Thread reader;
    private final CountDownLatch loaded = new CountDownLatch(1);
    private volatile boolean running = true;

    public RuleLog(String topic, RuleBook book, Consumer<String> deleted, Properties producerConfig,
                   Properties consumerConfig, Properties adminConfig, Map<String, Object> serdeConfig) {
        this.topic = topic;
        this.book = book;
        this.deleted = deleted;
        this.adminConfig = adminConfig;
        this.producer = new KafkaProducer<>(producerConfig, new StringSerializer(),
                NowcastSerdes.avro(nowcast.avro.AlertRule.class, serdeConfig).serializer());
        this.consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new ByteArrayDeserializer());
        this.values = NowcastSerdes.avro(nowcast.avro.AlertRule.class, serdeConfig).deserializer();
        this.reader = new Thread(this::read, "alert-rules-reader");
        this.reader.setDaemon(true);
    }

    /** Creates the topic if needed, starts reading and waits (up to {@code timeout}) until all of it is read. */
    public void start(Duration timeout) {
        createCompacted();
        reader.start();
        try {
            if (!loaded.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("the rules in {} were not all read within {}; alerts may start late", topic, timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void createCompacted() {
        try (Admin admin = Admin.create(adminConfig)) {
            NewTopic t = new NewTopic(topic, Optional.of(1), Optional.empty())
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            admin.createTopics(List.of(t)).all().get(30, TimeUnit.SECONDS);
            LOG.info("created the compacted rules topic {}", topic);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create the rules topic " + topic + ": " + e.getCause(), e);
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("creating the rules topic " + topic + " timed out", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void read() {
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (running) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(300))) {
                    apply(r);
                }
                if (loaded.getCount() > 0 && end.entrySet().stream()
                        .allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                    LOG.info("{} rules read from {}", book.all().size(), topic);
                    loaded.countDown();
                }
            }
        } catch (WakeupException stopping) {
            LOG.debug("rules reader stopping");
        } catch (RuntimeException e) {
            LOG.error("the rules reader of {} stopped: {}", topic, e.toString(), e);
        } finally {
            loaded.countDown();
            consumer.close();
        }
    }

    private void apply(ConsumerRecord<String, byte[]> r) {
        if (r.key() == null) {
            return;
        }
        if (r.value() == null) {
            book.remove(r.key());
            deleted.accept(r.key());
            return;
        }
        try {
            book.put(AlertRecords.fromAvro(values.deserialize(topic, r.value())));
        } catch (RuntimeException e) {
            LOG.warn("rule record {}/{}@{} cannot be read, skipped: {}", topic, r.partition(), r.offset(), e.toString());
        }
    }

    /** Writes a rule (waits for the broker's acknowledgement) and knows it at once. */
    public void put(AlertRule rule) {
        send(rule.id(), AlertRecords.toAvro(rule));
        book.put(rule);
    }

    /** Deletes a rule (a tombstone) and forgets it at once. */
    public void delete(String id) {
        send(id, null);
        book.remove(id);
        deleted.accept(id);
    }

    private void send(String key, nowcast.avro.AlertRule value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the rule could not be written to " + topic + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing the rule", e);
        }
    }

    @Override
    public void close() {
        running = false;
        if (reader.isAlive()) {
            consumer.wakeup();
            try {
                reader.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else if (reader.getState() == Thread.State.NEW) {
            consumer.close();
        }
        producer.close(Duration.ofSeconds(5));
    }
}
