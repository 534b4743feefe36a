package nowcast.schemas.serde;

import java.util.Map;
import java.util.function.Function;
import nowcast.schemas.registry.SchemaRegistryClient;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A serde of an in-JVM value type whose wire form is an Avro record: converts, then uses the
 * wire-format serde. A value that decodes but breaks the value type's rules is a
 * {@link WireFormatException} naming the topic.
 */
public class ConvertingSerde<D, A extends SpecificRecord> implements Serde<D> {

    private final AvroWireSerde<A> wire;
    private final Function<D, A> toAvro;
    private final Function<A, D> fromAvro;
    private final String typeName;

    protected ConvertingSerde(AvroWireSerde<A> wire, Function<D, A> toAvro, Function<A, D> fromAvro, String typeName) {
        this.wire = wire;
        this.toAvro = toAvro;
        this.fromAvro = fromAvro;
        this.typeName = typeName;
    }

    protected ConvertingSerde(Class<A> avroType, Function<D, A> toAvro, Function<A, D> fromAvro) {
        this(new AvroWireSerde<>(avroType) { }, toAvro, fromAvro, avroType.getSimpleName());
    }

    protected ConvertingSerde(Class<A> avroType, SchemaRegistryClient client, boolean isKey, Function<D, A> toAvro,
                              Function<A, D> fromAvro) {
        this(new AvroWireSerde<>(avroType, client, isKey), toAvro, fromAvro, avroType.getSimpleName());
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        wire.configure(configs, isKey);
    }

    @Override
    public Serializer<D> serializer() {
        Serializer<A> inner = wire.serializer();
        return new Serializer<>() {
            @Override
            public void configure(Map<String, ?> configs, boolean isKey) {
                inner.configure(configs, isKey);
            }

            @Override
            public byte[] serialize(String topic, D data) {
                return data == null ? null : inner.serialize(topic, toAvro.apply(data));
            }
        };
    }

    @Override
    public Deserializer<D> deserializer() {
        Deserializer<A> inner = wire.deserializer();
        return new Deserializer<>() {
            @Override
            public void configure(Map<String, ?> configs, boolean isKey) {
                inner.configure(configs, isKey);
            }

            @Override
            public D deserialize(String topic, byte[] data) {
                A avro = inner.deserialize(topic, data);
                if (avro == null) {
                    return null;
                }
                try {
                    return fromAvro.apply(avro);
                } catch (RuntimeException e) {
                    throw new WireFormatException("invalid " + typeName + " on topic '" + topic + "': "
                            + e.getMessage(), e);
                }
            }
        };
    }
}
