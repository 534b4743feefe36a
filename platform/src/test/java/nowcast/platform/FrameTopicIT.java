package nowcast.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nowcast.frame.Frame;
import nowcast.frame.PhysicalField;
import nowcast.frame.Quantisation;
import nowcast.frame.Quantity;
import nowcast.frame.RawType;
import nowcast.platform.testing.LocalStack;
import nowcast.schemas.Topics;
import nowcast.schemas.registry.SchemaRegistryClient;
import nowcast.schemas.serde.NowcastSerdes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** Frames go through the shared broker and registry and come back with the same physical values. */
class FrameTopicIT {

    private final LocalStack stack = LocalStack.shared();

    @Test
    void framesRoundTripThroughKafkaAndAreRegisteredUnderTheTopicValueSubject() {
        Topics topics = stack.freshTopics(2);
        Serde<Frame> serde = NowcastSerdes.frames(stack.serdeConfig());
        Quantisation q = new Quantisation(RawType.UINT8, 0.5, -32.0, 255.0, 0.0, -32.0);
        List<Frame> sent = new ArrayList<>();
        try (var producer = new KafkaProducer<>(stack.clientConfig(), new StringSerializer(), serde.serializer())) {
            for (int i = 0; i < 3; i++) {
                float[] v = {-32f, i * 10f, Float.NaN, 45.5f};
                Frame f = new Frame("radar-" + i, Instant.parse("2024-06-01T12:00:00Z").plusSeconds(300L * i),
                        Duration.ofMinutes(5), "test", PhysicalField.single(Quantity.REFLECTIVITY, 2, 2, v), q,
                        null, null, Map.of());
                sent.add(f);
                producer.send(new ProducerRecord<>(topics.frames(), f.sourceId(), f));
            }
        }
        List<Frame> received = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(stack.consumerConfig(), new StringDeserializer(),
                serde.deserializer())) {
            consumer.subscribe(List.of(topics.frames()));
            long deadline = System.currentTimeMillis() + 30_000;
            while (received.size() < 3 && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, Frame> r : consumer.poll(Duration.ofMillis(200))) {
                    assertThat(r.key()).isEqualTo(r.value().sourceId());
                    received.add(r.value());
                }
            }
        }
        assertThat(received).hasSize(3);
        for (Frame s : sent) {
            Frame r = received.stream().filter(x -> x.sourceId().equals(s.sourceId())).findFirst().orElseThrow();
            assertThat(r.field().values()).containsExactly(s.field().values());
            assertThat(r.time()).isEqualTo(s.time());
        }
        SchemaRegistryClient client = new SchemaRegistryClient(nowcast.schemas.registry.RegistryConfig.of(
                stack.registryUrl()));
        assertThat(client.subjects()).contains(Topics.valueSubject(topics.frames()));
        assertThat(client.latest(Topics.valueSubject(topics.frames())).schema())
                .isEqualTo(nowcast.avro.Frame.getClassSchema());
    }
}
