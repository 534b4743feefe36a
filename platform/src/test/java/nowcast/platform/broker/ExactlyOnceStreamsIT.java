package nowcast.platform.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import nowcast.avro.DeadLetter;
import nowcast.frame.Frame;
import nowcast.frame.PhysicalField;
import nowcast.frame.Quantisation;
import nowcast.frame.Quantity;
import nowcast.platform.testing.LocalStack;
import nowcast.schemas.Topics;
import nowcast.schemas.serde.NowcastSerdes;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An exactly-once (v2) Streams app with the project's serdes runs on the single-node broker. */
class ExactlyOnceStreamsIT {

    @TempDir
    Path stateDir;

    @Test
    void exactlyOnceTopologyWithProjectSerdes() {
        LocalStack stack = LocalStack.shared();
        Topics topics = stack.freshTopics(2);
        Properties props = new Properties();
        props.putAll(stack.clientConfig());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, stack.freshTopic("eos-app"));
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        props.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, nowcast.schemas.serde.DeadLetterSerde.class);

        // Every frame becomes a dead letter naming it; the dead-letter serde comes from the default config.
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(topics.frames(), Consumed.with(Serdes.String(), NowcastSerdes.frames(stack.serdeConfig())))
                .mapValues(f -> DeadLetter.newBuilder().setStage("test").setReason("frame " + f.sourceId())
                        .setSourceId(f.sourceId()).setObservationTime(f.time()).setFailedAt(Instant.EPOCH).build())
                .to(topics.deadLetter(), Produced.valueSerde(null));

        try (var producer = new KafkaProducer<>(stack.clientConfig(), new StringSerializer(),
                NowcastSerdes.frames(stack.serdeConfig()).serializer())) {
            for (int i = 0; i < 4; i++) {
                Frame f = new Frame("src-" + i, Instant.parse("2024-06-01T00:00:00Z"), Duration.ofMinutes(5), "p",
                        PhysicalField.single(Quantity.RAIN_RATE, 1, 1, new float[] {i}), Quantisation.float32(), null,
                        null, Map.of());
                producer.send(new ProducerRecord<>(topics.frames(), f.sourceId(), f));
            }
        }

        KafkaStreams streams = new KafkaStreams(builder.build(), props);
        List<String> reasons = new ArrayList<>();
        try {
            streams.start();
            Map<String, Object> consumerConfig = stack.consumerConfig();
            consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            try (var consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(),
                    NowcastSerdes.deadLetters(stack.serdeConfig()).deserializer())) {
                consumer.subscribe(List.of(topics.deadLetter()));
                long deadline = System.currentTimeMillis() + 60_000;
                while (reasons.size() < 4 && System.currentTimeMillis() < deadline) {
                    consumer.poll(Duration.ofMillis(200)).forEach(r -> reasons.add(r.value().getReason()));
                }
            }
        } finally {
            streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(Duration.ofSeconds(10)));
        }
        assertThat(reasons).containsExactlyInAnyOrder("frame src-0", "frame src-1", "frame src-2", "frame src-3");
    }
}
