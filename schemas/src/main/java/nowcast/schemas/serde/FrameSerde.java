package nowcast.schemas.serde;

import nowcast.frame.Frame;
import nowcast.schemas.convert.FrameConverter;
import nowcast.schemas.registry.SchemaRegistryClient;

/** {@link Frame} values as {@code nowcast.avro.Frame} in the Confluent wire format. */
public class FrameSerde extends ConvertingSerde<Frame, nowcast.avro.Frame> {

    /** For {@code default.value.serde}; configured by Kafka with {@code schema.registry.url}. */
    public FrameSerde() {
        super(nowcast.avro.Frame.class, FrameConverter::toAvro, FrameConverter::fromAvro);
    }

    public FrameSerde(SchemaRegistryClient client) {
        super(nowcast.avro.Frame.class, client, false, FrameConverter::toAvro, FrameConverter::fromAvro);
    }
}
