package nowcast.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import nowcast.frame.Frame;
import nowcast.frame.PhysicalField;
import nowcast.frame.Quantisation;
import nowcast.frame.Quantity;
import nowcast.platform.testing.LocalStack;
import nowcast.schemas.convert.FrameConverter;
import nowcast.schemas.registry.RegistryConfig;
import nowcast.schemas.registry.SchemaRegistryClient;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** Bytes that are not valid frames give exceptions that say what is wrong and where, and nothing crashes. */
class BadInputIT {

    private final LocalStack stack = LocalStack.shared();
    private final Deserializer<Frame> frames = NowcastSerdes.frames(stack.serdeConfig()).deserializer();

    static Frame frame(String source) {
        return new Frame(source, Instant.parse("2024-06-01T12:00:00Z"), Duration.ofMinutes(5), "test",
                PhysicalField.single(Quantity.RAIN_RATE, 2, 2, new float[] {0f, 1f, 2f, Float.NaN}),
                Quantisation.float32(), null, null, Map.of());
    }

    @Test
    void unknownMagicByte() {
        assertThatThrownBy(() -> frames.deserialize("t1", new byte[] {7, 0, 0, 0, 1, 2, 3}))
                .isInstanceOf(WireFormatException.class)
                .hasMessageContaining("topic 't1'").hasMessageContaining("unknown magic byte 7");
    }

    @Test
    void shorterThanTheHeader() {
        assertThatThrownBy(() -> frames.deserialize("t1", new byte[] {0, 0, 1}))
                .isInstanceOf(WireFormatException.class).hasMessageContaining("3 bytes");
    }

    @Test
    void unknownSchemaId() {
        assertThatThrownBy(() -> frames.deserialize("t2", new byte[] {0, 0x7f, 0, 0, 1, 2, 3}))
                .isInstanceOf(UnknownSchemaIdException.class)
                .hasMessageContaining("topic 't2'").hasMessageContaining("schema id " + 0x7f000001);
    }

    @Test
    void truncatedPayload() {
        String topic = stack.freshTopic("truncated");
        byte[] good = NowcastSerdes.frames(stack.serdeConfig()).serializer().serialize(topic, frame("a"));
        for (int cut : new int[] {1, 9, good.length / 2, good.length - 6}) {
            byte[] bad = Arrays.copyOf(good, good.length - cut);
            assertThatThrownBy(() -> frames.deserialize(topic, bad))
                    .as("cut %d bytes", cut)
                    .isInstanceOf(WireFormatException.class)
                    .hasMessageContaining("topic '" + topic + "'").hasMessageContaining("truncated or corrupt");
        }
    }

    @Test
    void aCorruptLengthIsRejectedBeforeAnythingIsAllocated() {
        String topic = stack.freshTopic("huge");
        byte[] good = NowcastSerdes.frames(stack.serdeConfig()).serializer().serialize(topic, frame("a"));
        // Header of a real record, then a sourceId claiming 2,000,000,000 bytes (zig-zag varint).
        byte[] bad = {good[0], good[1], good[2], good[3], good[4], (byte) 0x80, (byte) 0xd0, (byte) 0xac, (byte) 0xf3,
                (byte) 0x0e, 'x'};
        assertThatThrownBy(() -> frames.deserialize(topic, bad)).isInstanceOf(WireFormatException.class)
                .hasMessageContaining("truncated or corrupt").hasMessageContaining("string of length 2000000000");
    }

    @Test
    void trailingGarbage() {
        String topic = stack.freshTopic("trailing");
        byte[] good = NowcastSerdes.frames(stack.serdeConfig()).serializer().serialize(topic, frame("a"));
        byte[] bad = Arrays.copyOf(good, good.length + 3);
        assertThatThrownBy(() -> frames.deserialize(topic, bad)).isInstanceOf(WireFormatException.class)
                .hasMessageContaining("trailing bytes");
    }

    @Test
    void wellFormedAvroThatBreaksTheFrameRules() {
        String topic = stack.freshTopic("inconsistent");
        nowcast.avro.Frame avro = FrameConverter.toAvro(frame("s9"));
        avro.setPixels(ByteBuffer.wrap(new byte[5]));
        var wire = new AvroWireSerializer<nowcast.avro.Frame>(
                new SchemaRegistryClient(RegistryConfig.of(stack.registryUrl())), false);
        byte[] bytes = wire.serialize(topic, avro);
        assertThatThrownBy(() -> frames.deserialize(topic, bytes)).isInstanceOf(WireFormatException.class)
                .hasMessageContaining("invalid Frame on topic '" + topic + "'").hasMessageContaining("source s9")
                .hasMessageContaining("5 bytes");
    }

    @Test
    void aConsumerNamesPartitionAndOffsetOfAPoisonRecordAndCanSkipIt() {
        String topic = stack.createTopic("poison", 1);
        byte[] good = NowcastSerdes.frames(stack.serdeConfig()).serializer().serialize(topic, frame("ok"));
        try (var producer = new KafkaProducer<>(stack.clientConfig(), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, "ok", good));
            producer.send(new ProducerRecord<>(topic, "bad", new byte[] {42, 1, 2, 3, 4, 5}));
            producer.send(new ProducerRecord<>(topic, "ok", good));
        }
        List<Frame> read = new ArrayList<>();
        RecordDeserializationException failure = null;
        try (var consumer = new KafkaConsumer<>(stack.consumerConfig(), new StringDeserializer(), frames)) {
            TopicPartition tp = new TopicPartition(topic, 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long deadline = System.currentTimeMillis() + 30_000;
            while (read.size() < 2 && System.currentTimeMillis() < deadline) {
                try {
                    consumer.poll(Duration.ofMillis(200)).forEach(r -> read.add(r.value()));
                } catch (RecordDeserializationException e) {
                    failure = e;
                    consumer.seek(e.topicPartition(), e.offset() + 1);
                }
            }
        }
        assertThat(read).hasSize(2);
        assertThat(failure).isNotNull();
        assertThat(failure.topicPartition()).isEqualTo(new TopicPartition(topic, 0));
        assertThat(failure.offset()).isEqualTo(1);
        assertThat(failure.getMessage()).contains(topic + "-0").contains("offset 1");
        assertThat(failure.getCause()).isInstanceOf(WireFormatException.class)
                .hasMessageContaining("unknown magic byte 42");
    }
}
