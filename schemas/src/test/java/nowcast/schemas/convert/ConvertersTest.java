package nowcast.schemas.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import nowcast.forecast.Forecast;
import nowcast.forecast.ModelIdentity;
import nowcast.forecast.Timings;
import nowcast.frame.Frame;
import nowcast.frame.GeoReference;
import nowcast.frame.GridMapping;
import nowcast.frame.PhysicalField;
import nowcast.frame.Quantisation;
import nowcast.frame.Quantity;
import nowcast.frame.RawType;
import org.junit.jupiter.api.Test;

class ConvertersTest {

    static final GeoReference GEO = new GeoReference("+proj=stere +lat_0=90 +lon_0=0", 0, -4415.0, 700.0, -3650.0,
            1.0, -1.0, "km", List.of(0.0, 49.36, 0.0, 55.97, 10.86, 55.39, 9.01, 48.9));

    @Test
    void frameRoundTripKeepsEverythingNeededToRecoverPhysicalValues() {
        Quantisation q = new Quantisation(RawType.UINT16, 0.01, 0.0, 65535.0, 0.0, 0.0);
        float[] v = {0f, 1.5f, Float.NaN, 12.25f, 0f, 3f};
        Frame f = new Frame("nl-composite", Instant.parse("2024-06-01T12:05:00Z"), Duration.ofMinutes(5),
                "knmi-rad-nl25-rap-5min", PhysicalField.single(Quantity.RAIN_RATE, 2, 3, v), q, GEO,
                "/data/RAD_NL25.h5", Map.of("radars", "DB,DHL"));
        nowcast.avro.Frame a = FrameConverter.toAvro(f);
        assertThat(a.getUnit()).isEqualTo("mm/h");
        assertThat(a.getGrid().getCols()).isEqualTo(3);
        assertThat(a.getPixels().remaining()).isEqualTo(12);

        Frame back = FrameConverter.fromAvro(a);
        assertThat(back.field().values()).containsExactly(v);
        assertThat(back.geo()).isEqualTo(GEO);
        assertThat(back.quantisation()).isEqualTo(q);
        assertThat(back).usingRecursiveComparison().ignoringFields("field").isEqualTo(f);
    }

    @Test
    void frameWithPixelsThatDoNotFitTheGridIsRejectedNamingTheFrame() {
        Frame f = new Frame("s1", Instant.EPOCH, Duration.ofMinutes(5), "p",
                PhysicalField.single(Quantity.REFLECTIVITY, 2, 2, new float[4]), Quantisation.float32(), null, null, null);
        nowcast.avro.Frame a = FrameConverter.toAvro(f);
        a.setPixels(ByteBuffer.wrap(new byte[7]));
        assertThatThrownBy(() -> FrameConverter.fromAvro(a))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("frame of source s1").hasMessageContaining("7 bytes");
    }

    @Test
    void forecastRoundTrip() {
        Quantisation q = new Quantisation(RawType.UINT8, 0.5, -32.0, 255.0, 0.0, -32.0);
        Instant base = Instant.parse("2024-06-01T12:00:00Z");
        List<PhysicalField> frames = List.of(
                PhysicalField.single(Quantity.REFLECTIVITY, 1, 2, new float[] {-32f, 20f}),
                PhysicalField.single(Quantity.REFLECTIVITY, 1, 2, new float[] {Float.NaN, 35.5f}));
        Forecast f = new Forecast("s1", base, List.of(base.minusSeconds(300), base), List.of(),
                List.of(Duration.ofMinutes(5), Duration.ofMinutes(10)), "odim:COMP/DBZH", frames, q,
                GridMapping.centred(4, 8, 1, 2, Quantity.REFLECTIVITY), GEO, new ModelIdentity("gs2pm", "tiny", "1", "ab", "gpu:1"),
                new Timings(1.5, 20.0, 40.0, 2), base.plusSeconds(2));
        Forecast back = ForecastConverter.fromAvro(ForecastConverter.toAvro(f));
        assertThat(back.frames().get(1).values()).containsExactly(Float.NaN, 35.5f);
        assertThat(back.frames().get(0).values()).containsExactly(-32f, 20f);
        assertThat(back).usingRecursiveComparison().ignoringFields("frames").isEqualTo(f);
    }

    @Test
    void forecastWithoutMappingTravelsWithTheIdentityMapping() {
        Instant base = Instant.EPOCH;
        Forecast f = new Forecast("s1", base, List.of(base), null, List.of(Duration.ofMinutes(5)), "p",
                List.of(PhysicalField.single(Quantity.RAIN_RATE, 2, 2, new float[4])), Quantisation.float32(), null,
                null, ModelIdentity.baseline("persistence"), new Timings(0, 0, 0, 1), base);
        assertThat(ForecastConverter.fromAvro(ForecastConverter.toAvro(f)).gridMapping())
                .isEqualTo(GridMapping.identity(2, 2));
    }
}
