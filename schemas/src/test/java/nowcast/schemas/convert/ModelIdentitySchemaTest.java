package nowcast.schemas.convert;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

import nowcast.forecast.ModelIdentity;

/**
 * The {@code device} field added to ModelIdentity keeps the Forecast schema BACKWARD and FORWARD
 * compatible (what the registry checks when the new schema is registered over the old one): readers
 * with the new schema read old forecasts (device null), readers with the old schema skip it.
 */
class ModelIdentitySchemaTest {

    /** ModelIdentity as it was before the device field. */
    private static final Schema BEFORE = new Schema.Parser().parse("""
            {"type": "record", "name": "ModelIdentity", "namespace": "nowcast.avro", "fields": [
              {"name": "name", "type": "string"},
              {"name": "scale", "type": ["null", "string"], "default": null},
              {"name": "version", "type": ["null", "string"], "default": null},
              {"name": "artifactHash", "type": ["null", "string"], "default": null}]}""");

    private static final Schema NOW = nowcast.avro.ModelIdentity.getClassSchema();

    @Test
    void newReadersReadOldRecordsAndOldReadersReadNewOnes() throws IOException {
        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(NOW, BEFORE).getType())
                .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(BEFORE, NOW).getType())
                .isEqualTo(SchemaCompatibilityType.COMPATIBLE);

        GenericRecord old = new GenericData.Record(BEFORE);
        old.put("name", "gs2pm");
        old.put("scale", "tiny");
        GenericRecord read = roundTrip(old, BEFORE, NOW);
        ModelIdentity identity = SharedTypes.fromAvro(nowcast.avro.ModelIdentity.newBuilder()
                .setName(read.get("name").toString()).setScale(read.get("scale").toString())
                .setDevice(read.get("device") == null ? null : read.get("device").toString()).build());
        assertThat(identity).isEqualTo(new ModelIdentity("gs2pm", "tiny", null, null, null));

        GenericRecord now = new GenericData.Record(NOW);
        now.put("name", "gs2pm");
        now.put("device", "gpu:0");
        assertThat(roundTrip(now, NOW, BEFORE).get("name").toString()).isEqualTo("gs2pm");
    }

    private static GenericRecord roundTrip(GenericRecord record, Schema writer, Schema reader) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
        new GenericDatumWriter<GenericRecord>(writer).write(record, encoder);
        encoder.flush();
        return new GenericDatumReader<GenericRecord>(writer, reader)
                .read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));
    }
}
