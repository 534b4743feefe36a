package nowcast.schemas.serde;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import nowcast.schemas.registry.RegistryConfig;
import nowcast.schemas.registry.SchemaRegistryClient;
import nowcast.schemas.registry.SchemaRegistryException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent wire-format records into Avro records of one reader schema: specific records of
 * a generated class, or {@code GenericRecord}s of any schema. The writer schema is fetched by the
 * id in the header (and cached) and resolved to the reader schema, so records written with an
 * older or newer compatible schema version read fine.
 */
public class AvroWireDeserializer<T> implements Deserializer<T> {

    private final String typeName;
    private final Schema readerSchema;
    private SchemaRegistryClient client;
    private final Map<Integer, SpecificDatumReader<T>> readers = new ConcurrentHashMap<>();

    /** For subclasses that Kafka instantiates; {@link #configure} must follow. */
    protected AvroWireDeserializer(Class<T> type) {
        this.readerSchema = SpecificData.get().getSchema(type);
        this.typeName = type.getSimpleName();
    }

    public AvroWireDeserializer(Class<T> type, SchemaRegistryClient client) {
        this(type);
        this.client = client;
    }

    /** Reads into {@code GenericRecord}s (or specific records when the schema names a generated class). */
    public AvroWireDeserializer(Schema readerSchema, SchemaRegistryClient client) {
        this.readerSchema = readerSchema;
        this.typeName = readerSchema.getName();
        this.client = client;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (client == null || configs.containsKey(RegistryConfig.URL)) {
            this.client = RegistryClients.forConfig(RegistryConfig.fromMap(configs));
            readers.clear();
        }
    }

    /**
     * @throws WireFormatException       for bytes that are not a valid record of this type
     * @throws UnknownSchemaIdException  when the registry does not know the header's schema id
     * @throws SerializationException    when the registry cannot be reached
     */
    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (client == null) {
            throw new IllegalStateException("deserializer for topic '" + topic + "' is not configured: set '"
                    + RegistryConfig.URL + "'");
        }
        int id = WireFormat.schemaId(data, topic);
        SpecificDatumReader<T> reader = readers.get(id);
        if (reader == null) {
            reader = readerFor(topic, id);
            readers.put(id, reader);
        }
        BoundedDecoder decoder = new BoundedDecoder(data, WireFormat.HEADER_SIZE, data.length - WireFormat.HEADER_SIZE);
        try {
            T value = reader.read(null, decoder);
            if (!decoder.isEnd()) {
                throw new WireFormatException("record on topic '" + topic + "' (schema id " + id + ") has "
                        + "trailing bytes after its " + typeName + " value");
            }
            return value;
        } catch (IOException | RuntimeException e) {
            if (e instanceof WireFormatException w) {
                throw w;
            }
            throw new WireFormatException("record on topic '" + topic + "' (schema id " + id + ", " + data.length
                    + " bytes) is truncated or corrupt: cannot decode a " + typeName + " ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        }
    }

    private SpecificDatumReader<T> readerFor(String topic, int id) {
        Schema writer;
        try {
            writer = client.schemaById(id);
        } catch (SchemaRegistryException e) {
            if (e.errorCode() == SchemaRegistryException.SCHEMA_NOT_FOUND || e.httpStatus() == 404) {
                throw new UnknownSchemaIdException("record on topic '" + topic + "' names schema id " + id
                        + ", which the registry does not know", id, e);
            }
            throw new SerializationException("cannot fetch schema id " + id + " for a record on topic '" + topic
                    + "': " + e.getMessage(), e);
        }
        var compatibility = SchemaCompatibility.checkReaderWriterCompatibility(readerSchema, writer);
        if (compatibility.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            throw new WireFormatException("record on topic '" + topic + "' was written with schema id " + id + " ("
                    + writer.getFullName() + "), which cannot be read as " + readerSchema.getFullName() + ": "
                    + compatibility.getDescription());
        }
        return new SpecificDatumReader<>(writer, readerSchema);
    }
}
