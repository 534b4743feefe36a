package nowcast.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import nowcast.avro.DeadLetter;
import nowcast.platform.testing.LocalStack;
import nowcast.schemas.Topics;
import nowcast.schemas.registry.RegistryConfig;
import nowcast.schemas.registry.SchemaRegistryClient;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/** Byte layout, schema evolution and id caching of the serdes against the real registry. */
class WireFormatIT {

    static final Schema V1 = new Schema.Parser().parse("""
            {"type":"record","name":"Reading","namespace":"test.wire","fields":[
              {"name":"station","type":"string"},{"name":"value","type":"double"}]}""");
    static final Schema V2 = new Schema.Parser().parse("""
            {"type":"record","name":"Reading","namespace":"test.wire","fields":[
              {"name":"station","type":"string"},{"name":"value","type":"double"},
              {"name":"quality","type":"int","default":7}]}""");
    static final Schema INCOMPATIBLE = new Schema.Parser().parse("""
            {"type":"record","name":"Reading","namespace":"test.wire","fields":[
              {"name":"station","type":"string"},{"name":"value","type":"string"}]}""");

    private final LocalStack stack = LocalStack.shared();
    private final SchemaRegistryClient client = new SchemaRegistryClient(RegistryConfig.of(stack.registryUrl()));

    @Test
    void magicByteBigEndianIdThenPlainAvroBinary() throws Exception {
        String topic = stack.freshTopic("dead");
        DeadLetter letter = DeadLetter.newBuilder().setStage("decode").setReason("test").setTopic("x")
                .setPartition(3).setOffset(42L).setOriginalValue(ByteBuffer.wrap(new byte[] {1, 2, 3}))
                .setFailedAt(Instant.parse("2024-01-01T00:00:00Z")).build();
        byte[] bytes = NowcastSerdes.deadLetters(stack.serdeConfig()).serializer().serialize(topic, letter);

        int id = client.latest(Topics.valueSubject(topic)).id();
        assertThat(bytes[0]).isEqualTo((byte) 0);
        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(id);
        ByteArrayOutputStream avro = new ByteArrayOutputStream();
        BinaryEncoder enc = EncoderFactory.get().binaryEncoder(avro, null);
        new SpecificDatumWriter<DeadLetter>(DeadLetter.getClassSchema()).write(letter, enc);
        enc.flush();
        assertThat(Arrays.copyOfRange(bytes, 5, bytes.length)).isEqualTo(avro.toByteArray());

        DeadLetter back = NowcastSerdes.deadLetters(stack.serdeConfig()).deserializer().deserialize(topic, bytes);
        assertThat(back).isEqualTo(letter);
    }

    @Test
    void keySerializerRegistersUnderTheKeySubject() {
        String topic = stack.freshTopic("keys");
        var serializer = new AvroWireSerializer<GenericRecord>(client, true);
        serializer.serialize(topic, reading(V1, "de-ess"));
        assertThat(client.subjects()).contains(Topics.keySubject(topic)).doesNotContain(Topics.valueSubject(topic));
    }

    @Test
    void oldConsumersReadRecordsWrittenWithANewerCompatibleSchemaAndViceVersa() {
        String topic = stack.freshTopic("evolving");
        var serializer = new AvroWireSerializer<GenericRecord>(client, false);
        byte[] old = serializer.serialize(topic, reading(V1, "nl-dhl"));
        GenericRecord v2 = reading(V2, "nl-hrw");
        v2.put("quality", 3);
        byte[] fresh = serializer.serialize(topic, v2);
        assertThat(client.versions(Topics.valueSubject(topic))).containsExactly(1, 2);

        var oldReader = new AvroWireDeserializer<GenericRecord>(V1, client);
        GenericRecord seenByOld = oldReader.deserialize(topic, fresh);
        assertThat(seenByOld.get("station").toString()).isEqualTo("nl-hrw");
        assertThat(seenByOld.hasField("quality")).isFalse();

        var newReader = new AvroWireDeserializer<GenericRecord>(V2, client);
        assertThat(newReader.deserialize(topic, old).get("quality")).as("default fills the gap").isEqualTo(7);
        assertThat(newReader.deserialize(topic, fresh).get("quality")).isEqualTo(3);
    }

    @Test
    void anIncompatibleSchemaIsRejectedWith409AndNothingIsWritten() {
        String topic = stack.freshTopic("strict");
        var serializer = new AvroWireSerializer<GenericRecord>(client, false);
        serializer.serialize(topic, reading(V1, "a"));
        GenericRecord bad = new GenericData.Record(INCOMPATIBLE);
        bad.put("station", "b");
        bad.put("value", "high");
        assertThatThrownBy(() -> serializer.serialize(topic, bad))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining(Topics.valueSubject(topic)).hasMessageContaining("409");
        assertThat(client.versions(Topics.valueSubject(topic))).containsExactly(1);
    }

    @Test
    void withoutAutoRegisterTheSerializerOnlyLooksUp() {
        String topic = stack.freshTopic("lookup-only");
        var config = stack.serdeConfig();
        config.put(RegistryConfig.AUTO_REGISTER, "false");
        var serializer = new AvroWireSerializer<GenericRecord>();
        serializer.configure(config, false);
        assertThatThrownBy(() -> serializer.serialize(topic, reading(V1, "a")))
                .isInstanceOf(SerializationException.class).hasMessageContaining("40401");
        client.register(Topics.valueSubject(topic), V1);
        assertThat(serializer.serialize(topic, reading(V1, "a"))).isNotEmpty();
    }

    static GenericRecord reading(Schema schema, String station) {
        GenericRecord r = new GenericData.Record(schema);
        r.put("station", station);
        r.put("value", 1.5);
        return r;
    }
}
