package nowcast.schemas.serde;

import nowcast.avro.VerificationScore;
import nowcast.schemas.registry.SchemaRegistryClient;

/** {@link VerificationScore} values in the Confluent wire format. */
public class VerificationScoreSerde extends AvroWireSerde<VerificationScore> {

    /** For {@code default.value.serde}; configured by Kafka with {@code schema.registry.url}. */
    public VerificationScoreSerde() {
        super(VerificationScore.class);
    }

    public VerificationScoreSerde(SchemaRegistryClient client) {
        super(VerificationScore.class, client, false);
    }
}
