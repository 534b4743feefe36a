package nowcast.training.data;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import nowcast.frame.Frame;
import nowcast.schemas.serde.NowcastSerdes;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything a frames topic holds when the replay starts: each partition is read from its earliest
 * offset up to its end offset of that moment (frames published later are not waited for), and the
 * frames are grouped by source. The consumer is assigned partitions directly and commits nothing,
 * so a replay never disturbs the predictor's or anyone else's consumer group. A record that does
 * not decode (unknown schema id, corrupt bytes, empty value) is skipped and reported with its
 * partition and offset; the others are kept.
 */
public final class FrameTopicReplay {

    private static final Logger LOG = LoggerFactory.getLogger(FrameTopicReplay.class);

    /** Frames by source id (sorted), the number of records read, and one line per skipped record. */
    public record Result(String topic, Map<String, List<Frame>> bySource, long records, List<String> skipped) {
    }

    private FrameTopicReplay() {
    }

    /**
     * @param clientConfig {@code bootstrap.servers}, {@code schema.registry.url} and any security
     *        settings, as for the project's other clients
     * @param timeout how long the whole replay may take before it fails naming where it stood
     */
    public static Result read(Map<String, Object> clientConfig, String topic, Duration timeout) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024);
        Deserializer<Frame> frames = NowcastSerdes.frames(clientConfig).deserializer();
        Map<String, List<Frame>> bySource = new TreeMap<>();
        List<String> skipped = new ArrayList<>();
        long records = 0;
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, timeout);
            if (partitions == null || partitions.isEmpty()) {
                throw new IllegalArgumentException("frames topic '" + topic + "' does not exist on " + clientConfig.get("bootstrap.servers"));
            }
            List<TopicPartition> assigned = partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            Map<TopicPartition, Long> end = consumer.endOffsets(assigned, timeout);
            long total = end.values().stream().mapToLong(Long::longValue).sum()
                    - consumer.beginningOffsets(assigned, timeout).values().stream().mapToLong(Long::longValue).sum();
            LOG.info("replaying {} records of topic {} ({} partitions)", total, topic, assigned.size());
            while (!caughtUp(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("replay of topic " + topic + " did not reach the end offsets " + end + " within "
                            + timeout + " (read " + records + " records)");
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    if (r.offset() >= end.get(tp)) {
                        continue;
                    }
                    records++;
                    String where = topic + "-" + r.partition() + "@" + r.offset();
                    if (r.value() == null || r.value().length == 0) {
                        skipped.add(where + ": empty value");
                        continue;
                    }
                    try {
                        Frame f = frames.deserialize(topic, r.value());
                        bySource.computeIfAbsent(f.sourceId(), k -> new ArrayList<>()).add(f);
                    } catch (RuntimeException e) {
                        skipped.add(where + ": " + e.getMessage());
                    }
                    if (records % 500 == 0) {
                        LOG.info("replayed {}/{} records of {}", records, total, topic);
                    }
                }
            }
        }
        if (!skipped.isEmpty()) {
            LOG.warn("{}: skipped {} records that are not frames, first: {}", topic, skipped.size(), skipped.get(0));
        }
        return new Result(topic, bySource, records, skipped);
    }

    private static boolean caughtUp(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }
}
