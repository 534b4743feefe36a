package nowcast.ingestion.replay;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import nowcast.platform.testing.LocalStack;

/** Reads a topic of the shared test broker from the start until a number of records arrived (or 30 s passed). */
public final class TopicReader {

    private TopicReader() {
    }

    public static <T> List<ConsumerRecord<String, T>> read(LocalStack stack, String topic, Deserializer<T> values,
                                                           int atLeast) {
        List<ConsumerRecord<String, T>> out = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(stack.consumerConfig(), new StringDeserializer(), values)) {
            // assigned, not subscribed: no group join, so no rebalance delay in every test
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.currentTimeMillis() + 30_000;
            while (out.size() < atLeast && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
            // one more short poll shows records beyond the expected count (duplicates would appear here)
            consumer.poll(Duration.ofMillis(500)).forEach(out::add);
        }
        return out;
    }
}
