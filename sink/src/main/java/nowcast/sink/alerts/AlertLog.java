package nowcast.sink.alerts;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import nowcast.schemas.serde.NowcastSerdes;

/**
 * The alerts topic (key = rule id): where alerts are published, and, read back from the start when
 * the sink starts, the memory of each rule's state. {@link #flush()} comes before the sink commits
 * its offsets, so a forecast whose alert is not on the topic is checked again after a crash.
 */
public final class AlertLog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AlertLog.class);

    private final String topic;
    private final KafkaProducer<String, nowcast.avro.Alert> producer;
    private final Properties consumerConfig;
    private final Deserializer<nowcast.avro.Alert> values;

    public AlertLog(String topic, Properties producerConfig, Properties consumerConfig,
                    Map<String, Object> serdeConfig) {
        this.topic = topic;
        this.consumerConfig = consumerConfig;
        this.producer = new KafkaProducer<>(producerConfig, new StringSerializer(),
                NowcastSerdes.avro(nowcast.avro.Alert.class, serdeConfig).serializer());
        this.values = NowcastSerdes.avro(nowcast.avro.Alert.class, serdeConfig).deserializer();
    }

    /** Hands every alert on the topic, oldest first, to {@code restore}; returns how many. */
    public int replay(Consumer<Alert> restore) {
        int n = 0;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            if (partitions.isEmpty()) {
                return 0;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.currentTimeMillis() + 60_000;
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                if (System.currentTimeMillis() > deadline) {
                    LOG.warn("alerts topic {} not read to its end within 60 s; rule states may be incomplete", topic);
                    break;
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(300))) {
                    if (r.value() == null) {
                        continue;
                    }
                    try {
                        restore.accept(AlertRecords.fromAvro(values.deserialize(topic, r.value())));
                        n++;
                    } catch (RuntimeException e) {
                        LOG.warn("alert record {}/{}@{} cannot be read, skipped: {}", topic, r.partition(),
                                r.offset(), e.toString());
                    }
                }
            }
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            LOG.info("alerts topic {} not there yet: no rule state to restore", topic);
        }
        return n;
    }

    public void publish(Alert alert) {
        producer.send(new ProducerRecord<>(topic, alert.ruleId(), AlertRecords.toAvro(alert)), (meta, e) -> {
            if (e != null) {
                LOG.warn("alert {} not sent to {}: {}", alert.alertId(), topic, e.toString());
            }
        });
    }

    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
