package nowcast.schemas.serde;

/**
 * The Confluent wire format: magic byte 0, the schema id as a big-endian 4-byte int, then the
 * Avro binary encoding of the value with that (writer) schema.
 */
public final class WireFormat {

    public static final byte MAGIC_BYTE = 0;
    public static final int HEADER_SIZE = 5;

    private WireFormat() {
    }

    /** The schema id in a record's header, after checking the magic byte and the length. */
    public static int schemaId(byte[] payload, String topic) {
        if (payload.length < HEADER_SIZE) {
            throw new WireFormatException("record on topic '" + topic + "' has " + payload.length
                    + " bytes, fewer than the " + HEADER_SIZE + "-byte wire-format header");
        }
        if (payload[0] != MAGIC_BYTE) {
            throw new WireFormatException("record on topic '" + topic + "' starts with unknown magic byte "
                    + (payload[0] & 0xff) + " (expected " + MAGIC_BYTE + "): not Confluent wire format");
        }
        return ((payload[1] & 0xff) << 24) | ((payload[2] & 0xff) << 16) | ((payload[3] & 0xff) << 8)
                | (payload[4] & 0xff);
    }
}
