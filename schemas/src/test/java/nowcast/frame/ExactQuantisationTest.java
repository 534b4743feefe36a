package nowcast.frame;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import nowcast.schemas.convert.PixelCodec;

/** Float32 fields on a uniform grid of values travel as 8/16-bit integers, and decode to the same floats. */
class ExactQuantisationTest {

    private static float[] decoded(float[] values, Quantisation q) {
        return PixelCodec.decode(PixelCodec.encode(values, q), q, values.length);
    }

    @Test
    void ratesInHundredthsBecomeUint16() {
        Random random = new Random(1);
        float[] v = new float[10_000];
        for (int i = 0; i < v.length; i++) {
            // as OPERA's float64 files hold them: k/100 mm/h, capped at 500, no data outside coverage
            v[i] = i % 7 == 0 ? Float.NaN : (float) (random.nextInt(50_001) / 100.0);
        }
        Quantisation q = ExactQuantisation.of(v).orElseThrow();
        assertThat(q.rawType()).isEqualTo(RawType.UINT16);
        assertThat(q.gain()).isEqualTo(0.01);
        assertThat(decoded(v, q)).isEqualTo(v);
    }

    @Test
    void reflectivityInHalfDbzBecomesUint8() {
        Random random = new Random(2);
        float[] v = new float[5_000];
        for (int i = 0; i < v.length; i++) {
            v[i] = i % 11 == 0 ? Float.NaN : -32f + 0.5f * random.nextInt(221);
        }
        Quantisation q = ExactQuantisation.of(v).orElseThrow();
        assertThat(q.rawType()).isEqualTo(RawType.UINT8);
        assertThat(q.gain()).isEqualTo(0.5);
        assertThat(q.offset()).isEqualTo(-32.0);
        assertThat(decoded(v, q)).isEqualTo(v);
    }

    @Test
    void continuousOrUnevenlySpacedValuesStayFloat() {
        Random random = new Random(3);
        float[] continuous = new float[2_000];
        float[] palette = new float[2_000];
        for (int i = 0; i < continuous.length; i++) {
            continuous[i] = random.nextFloat() * 40;
            int dn = random.nextInt(180) + 2; // MeteoSwiss's palette-to-rate rule: not linear in the code
            palette[i] = (float) (12 * Math.pow(Math.pow(10, (dn - 71.5) / 20) / 316, 1 / 1.5));
        }
        assertThat(ExactQuantisation.of(continuous)).isEmpty();
        assertThat(ExactQuantisation.of(palette)).isEmpty();
        float[] many = new float[70_000];
        for (int i = 0; i < many.length; i++) {
            many[i] = i * 0.25f;
        }
        assertThat(ExactQuantisation.of(many)).as("more than 65535 values").isEmpty();
        assertThat(ExactQuantisation.of(new float[] {Float.NaN, Float.NaN})).isEmpty();
    }

    @Test
    void compactTouchesOnlyPlainFloatFrames() {
        float[] v = {0f, 0.5f, 1.5f, Float.NaN};
        Frame plain = frame(v, Quantisation.float32());
        Frame compacted = ExactQuantisation.compact(plain);
        assertThat(compacted.quantisation().rawType()).isEqualTo(RawType.UINT8);
        assertThat(compacted.field()).isSameAs(plain.field());
        assertThat(compacted).usingRecursiveComparison().ignoringFields("quantisation").isEqualTo(plain);

        Quantisation knmi = new Quantisation(RawType.UINT16, 0.01, 0.0, 65535.0, 0.0, 0.0);
        Frame quantised = frame(v, knmi);
        assertThat(ExactQuantisation.compact(quantised)).isSameAs(quantised);
    }

    private static Frame frame(float[] v, Quantisation q) {
        return new Frame("s", Instant.EPOCH, Duration.ofMinutes(5), "p", PhysicalField.single(Quantity.RAIN_RATE, 1,
                v.length, v), q, null, null, Map.of());
    }
}
