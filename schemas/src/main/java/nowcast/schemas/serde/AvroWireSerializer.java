package nowcast.schemas.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import nowcast.schemas.Topics;
import nowcast.schemas.registry.RegistryConfig;
import nowcast.schemas.registry.SchemaRegistryClient;
import nowcast.schemas.registry.SchemaRegistryException;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.generic.GenericContainer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes Avro records (specific or generic) in the Confluent wire format, registering (or, with
 * {@code auto.register.schemas=false}, looking up) the record's schema under
 * {@code <topic>-value} or {@code <topic>-key}. Ids are cached per subject.
 */
public class AvroWireSerializer<T extends GenericContainer> implements Serializer<T> {

    private SchemaRegistryClient client;
    private boolean isKey;
    private final Map<SubjectSchema, Integer> idsBySubject = new ConcurrentHashMap<>();
    private final Map<Schema, SpecificDatumWriter<T>> writers = new ConcurrentHashMap<>();

    /** For Kafka to instantiate; {@link #configure} must follow. */
    public AvroWireSerializer() {
    }

    public AvroWireSerializer(SchemaRegistryClient client, boolean isKey) {
        this.client = client;
        this.isKey = isKey;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.isKey = isKey;
        if (client == null || configs.containsKey(RegistryConfig.URL)) {
            this.client = RegistryClients.forConfig(RegistryConfig.fromMap(configs));
            idsBySubject.clear();
        }
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        if (client == null) {
            throw new IllegalStateException("serializer for topic '" + topic + "' is not configured: set '"
                    + RegistryConfig.URL + "'");
        }
        Schema schema = data.getSchema();
        String subject = isKey ? Topics.keySubject(topic) : Topics.valueSubject(topic);
        int id = idsBySubject.computeIfAbsent(new SubjectSchema(subject, schema), k -> schemaId(subject, schema));
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.write(WireFormat.MAGIC_BYTE);
        out.write(id >>> 24);
        out.write(id >>> 16);
        out.write(id >>> 8);
        out.write(id);
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            writers.computeIfAbsent(schema, SpecificDatumWriter<T>::new).write(data, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot encode " + schema.getFullName() + " for topic '" + topic
                    + "': " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private int schemaId(String subject, Schema schema) {
        try {
            return client.config().autoRegister() ? client.register(subject, schema) : client.idOf(subject, schema);
        } catch (SchemaRegistryException e) {
            throw new SerializationException("cannot get a schema id for subject '" + subject + "': "
                    + e.getMessage(), e);
        }
    }

    private record SubjectSchema(String subject, Schema schema) {
    }
}
