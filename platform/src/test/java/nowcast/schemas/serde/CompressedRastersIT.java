package nowcast.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

import nowcast.avro.Compression;
import nowcast.forecast.Forecast;
import nowcast.forecast.ModelIdentity;
import nowcast.forecast.Timings;
import nowcast.frame.Frame;
import nowcast.frame.PhysicalField;
import nowcast.frame.Quantisation;
import nowcast.frame.Quantity;
import nowcast.frame.RawType;
import nowcast.platform.testing.LocalStack;
import nowcast.schemas.Topics;
import nowcast.schemas.convert.ForecastConverter;
import nowcast.schemas.convert.FrameConverter;
import nowcast.schemas.registry.RegistryConfig;
import nowcast.schemas.registry.SchemaRegistryClient;

/**
 * Compressed rasters are a BACKWARD-compatible change: on a topic whose subject holds the schemas from before
 * (test resources evolution/*-v1.avsc, as the project registered them), today's schema registers as the next
 * version under the registry's default BACKWARD rule, and today's reader decodes the records written before
 * (no codec field: uncompressed) as well as today's compressed ones.
 */
class CompressedRastersIT {

    private final LocalStack stack = LocalStack.shared();
    private final SchemaRegistryClient client = new SchemaRegistryClient(RegistryConfig.of(stack.registryUrl()));

    private static Schema v1(String name) throws IOException {
        try (InputStream in = CompressedRastersIT.class.getResourceAsStream("/evolution/" + name + "-v1.avsc")) {
            return new Schema.Parser().parse(in);
        }
    }

    @Test
    void framesWrittenBeforeCompressionAndAfterBothRead() throws IOException {
        String topic = stack.freshTopic("frames-evolving");
        float[] values = new float[48 * 48];
        for (int i = 0; i < values.length; i++) {
            values[i] = i % 17 == 0 ? Float.NaN : (i % 5 == 0 ? 0.25f * (i % 40) : 0f);
        }
        Frame frame = new Frame("nl", Instant.parse("2024-06-01T12:00:00Z"), Duration.ofMinutes(5), "p",
                PhysicalField.single(Quantity.RAIN_RATE, 48, 48, values),
                new Quantisation(RawType.UINT16, 0.01, 0.0, 65535.0, null, 0.0), null, null, Map.of());

        Schema before = v1("Frame");
        GenericRecord old = (GenericRecord) GenericData.get().deepCopy(before, FrameConverter.toAvro(frame, Compression.NONE));
        byte[] oldBytes = new AvroWireSerializer<GenericRecord>(client, false).serialize(topic, old);

        String subject = Topics.valueSubject(topic);
        assertThat(client.isCompatible(subject, nowcast.avro.Frame.getClassSchema())).isTrue();
        var serde = NowcastSerdes.frames(stack.serdeConfig());
        byte[] newBytes = serde.serializer().serialize(topic, frame);
        assertThat(client.versions(subject)).containsExactly(1, 2);
        assertThat(newBytes.length).as("compressed record").isLessThan(oldBytes.length / 4);

        assertThat(serde.deserializer().deserialize(topic, oldBytes).field().values()).isEqualTo(values);
        assertThat(serde.deserializer().deserialize(topic, newBytes).field().values()).isEqualTo(values);
    }

    @Test
    void forecastsWrittenBeforeCompressionAndAfterBothRead() throws IOException {
        String topic = stack.freshTopic("forecasts-evolving");
        float[] rates = new float[32 * 32];
        for (int i = 0; i < rates.length; i++) {
            rates[i] = i < 300 ? 0f : 2.5f;
        }
        Instant base = Instant.parse("2024-06-01T12:00:00Z");
        Forecast forecast = new Forecast("nl", base, List.of(base), List.of(), List.of(Duration.ofMinutes(5)), "p",
                List.of(PhysicalField.single(Quantity.RAIN_RATE, 32, 32, rates)), Quantisation.float32(), null, null,
                ModelIdentity.baseline("persistence"), new Timings(0, 0, 0, 1), base);

        Schema before = v1("Forecast");
        GenericRecord old = (GenericRecord) GenericData.get().deepCopy(before,
                ForecastConverter.toAvro(forecast, Compression.NONE));
        byte[] oldBytes = new AvroWireSerializer<GenericRecord>(client, false).serialize(topic, old);

        var serde = NowcastSerdes.forecasts(stack.serdeConfig());
        byte[] newBytes = serde.serializer().serialize(topic, forecast);
        assertThat(client.versions(Topics.valueSubject(topic))).containsExactly(1, 2);
        assertThat(serde.deserializer().deserialize(topic, oldBytes).frames().get(0).values()).isEqualTo(rates);
        assertThat(serde.deserializer().deserialize(topic, newBytes).frames().get(0).values()).isEqualTo(rates);
    }
}
