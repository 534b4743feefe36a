package nowcast.schemas.serde;

import nowcast.avro.DeadLetter;
import nowcast.schemas.registry.SchemaRegistryClient;

/** {@link DeadLetter} values in the Confluent wire format. */
public class DeadLetterSerde extends AvroWireSerde<DeadLetter> {

    /** For {@code default.value.serde}; configured by Kafka with {@code schema.registry.url}. */
    public DeadLetterSerde() {
        super(DeadLetter.class);
    }

    public DeadLetterSerde(SchemaRegistryClient client) {
        super(DeadLetter.class, client, false);
    }
}
