package nowcast.schemas.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * Bytes that are not a valid Confluent wire-format record for the expected type: unknown magic
 * byte, a payload too short for its header or its Avro body, a writer schema that cannot be read
 * as the reader schema, or content that breaks the value type's rules. The message names the topic.
 */
public class WireFormatException extends SerializationException {

    public WireFormatException(String message) {
        super(message);
    }

    public WireFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
