package nowcast.schemas.serde;

import java.util.Map;
import nowcast.schemas.registry.SchemaRegistryClient;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** {@link AvroWireSerializer} and {@link AvroWireDeserializer} for one Avro specific record class. */
public class AvroWireSerde<T extends SpecificRecord> implements Serde<T> {

    private final AvroWireSerializer<T> serializer;
    private final AvroWireDeserializer<T> deserializer;

    /** Unconfigured, for subclasses that Kafka instantiates by class name; {@link #configure} must follow. */
    protected AvroWireSerde(Class<T> type) {
        this.serializer = new AvroWireSerializer<>();
        this.deserializer = new AvroWireDeserializer<>(type);
    }

    public AvroWireSerde(Class<T> type, SchemaRegistryClient client, boolean isKey) {
        this.serializer = new AvroWireSerializer<>(client, isKey);
        this.deserializer = new AvroWireDeserializer<>(type, client);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        serializer.configure(configs, isKey);
        deserializer.configure(configs, isKey);
    }

    @Override
    public Serializer<T> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<T> deserializer() {
        return deserializer;
    }
}
