package nowcast.predictor.window;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * {@link SourceWindow} in the window store and its changelog: Avro single-object encoding (header
 * C3 01, the 8-byte fingerprint of the writer schema, then Avro binary) of {@code SourceWindow.avsc}.
 * This is internal state that only the predictor reads, so it does not go through the Schema Registry:
 * the writer schemas it can read ship with the build, as the {@code SourceWindow-v<n>.avsc} resources
 * next to this class, and each is registered with the decoder, which resolves older values to today's
 * record. A value in the layout used before Avro ({@link LegacyWindowFormat}, first byte 1) is still
 * read, so an upgraded predictor keeps its windows without a reset. The format, the migration and the
 * rule for changing the schema are in docs/predictor.md, "Window state format".
 */
public final class SourceWindowSerde implements Serde<SourceWindow> {

    /** Resource name of archived writer schema {@code n}, relative to this class. */
    static final String ARCHIVED_SCHEMA = "SourceWindow-v%d.avsc";

    private static final byte[] AVRO_HEADER = {(byte) 0xC3, 0x01};
    private static final int FIRST_BYTES_SHOWN = 16;

    private final BinaryMessageEncoder<nowcast.avro.SourceWindow> encoder = nowcast.avro.SourceWindow.getEncoder();
    private final BinaryMessageDecoder<nowcast.avro.SourceWindow> decoder;
    private final List<Schema> writerSchemas;

    /** Reads values written with any archived schema (and the current one); writes the current one. */
    public SourceWindowSerde() {
        this(archivedSchemas());
    }

    /** Reads values written with the given writer schemas (and the current one). */
    SourceWindowSerde(List<Schema> writerSchemas) {
        this.writerSchemas = List.copyOf(writerSchemas);
        this.decoder = nowcast.avro.SourceWindow.createDecoder(null);
        writerSchemas.forEach(decoder::addSchema);
    }

    @Override
    public Serializer<SourceWindow> serializer() {
        return (topic, w) -> w == null ? null : encode(w, topic);
    }

    @Override
    public Deserializer<SourceWindow> deserializer() {
        return (topic, bytes) -> bytes == null ? null : decode(bytes, topic);
    }

    byte[] encode(SourceWindow w, String where) {
        try {
            ByteBuffer buffer = encoder.encode(SourceWindowConverter.toAvro(w));
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot write the window state of source '" + w.sourceId() + "' to "
                    + where + ": " + e.getMessage(), e);
        }
    }

    SourceWindow decode(byte[] bytes, String where) {
        if (startsWith(bytes, AVRO_HEADER)) {
            return decodeAvro(bytes, where);
        }
        if (bytes.length > 0 && bytes[0] == LegacyWindowFormat.VERSION) {
            try {
                return LegacyWindowFormat.decode(bytes);
            } catch (IOException | RuntimeException e) {
                throw corrupt(bytes, where, "in the pre-Avro layout (version 1) but cannot be read: " + e.getMessage(),
                        e);
            }
        }
        throw corrupt(bytes, where, "neither Avro single-object encoding (C3 01 ...) nor the pre-Avro layout"
                + " (first byte 01)", null);
    }

    private SourceWindow decodeAvro(byte[] bytes, String where) {
        ByteArrayInputStream in = new ByteArrayInputStream(bytes);
        nowcast.avro.SourceWindow record;
        // Avro allocates a string or array as long as the length it reads, before reading it; a corrupt
        // length could only come from a value that was written by this codec and then damaged, which the
        // checksums of Kafka's log and of RocksDB's blocks catch first: foreign bytes stop at the header
        // or at the 64-bit fingerprint. So the body is decoded without bounding each length.
        try {
            record = decoder.decode(in, null);
        } catch (MissingSchemaException e) {
            throw corrupt(bytes, where, "written with an Avro schema this build does not know (fingerprint "
                    + fingerprintOf(bytes) + "; known, current first: " + knownFingerprints()
                    + "), probably by a newer predictor",
                    e);
        } catch (IOException | RuntimeException e) {
            throw corrupt(bytes, where, "Avro but truncated or corrupt: " + e.getMessage(), e);
        }
        try {
            int left = in.available();
            if (left > 0) {
                throw corrupt(bytes, where, "Avro followed by " + left + " unexpected bytes", null);
            }
            return SourceWindowConverter.fromAvro(record);
        } catch (IllegalArgumentException e) {
            throw corrupt(bytes, where, "Avro but not a valid window: " + e.getMessage(), e);
        }
    }

    private static SerializationException corrupt(byte[] bytes, String where, String what, Exception cause) {
        HexFormat hex = HexFormat.ofDelimiter(" ");
        String first = hex.formatHex(bytes, 0, Math.min(bytes.length, FIRST_BYTES_SHOWN))
                + (bytes.length > FIRST_BYTES_SHOWN ? " ..." : "");
        return new SerializationException("window state in " + where + " (" + bytes.length + " bytes: " + first
                + ") is " + what, cause);
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** The header's fingerprint as Avro defines it (little-endian CRC-64-AVRO), in hex. */
    private static String fingerprintOf(byte[] bytes) {
        return bytes.length < 10 ? "incomplete"
                : hexFingerprint(ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong());
    }

    /** The fingerprints this serde reads, the current schema's first. */
    private String knownFingerprints() {
        Set<Long> known = new LinkedHashSet<>();
        known.add(SchemaNormalization.parsingFingerprint64(nowcast.avro.SourceWindow.getClassSchema()));
        writerSchemas.forEach(s -> known.add(SchemaNormalization.parsingFingerprint64(s)));
        return known.stream().map(SourceWindowSerde::hexFingerprint).collect(Collectors.joining(", "));
    }

    private static String hexFingerprint(long fingerprint) {
        return String.format("%016x", fingerprint);
    }

    /** The archived writer schemas, v1, v2, ... until the first missing number. */
    static List<Schema> archivedSchemas() {
        List<Schema> schemas = new ArrayList<>();
        for (int n = 1; ; n++) {
            String name = String.format(ARCHIVED_SCHEMA, n);
            try (InputStream in = SourceWindowSerde.class.getResourceAsStream(name)) {
                if (in == null) {
                    return schemas;
                }
                schemas.add(new Schema.Parser().parse(in));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the archived window state schema " + name, e);
            }
        }
    }
}
