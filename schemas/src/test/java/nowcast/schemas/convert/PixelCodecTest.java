package nowcast.schemas.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import nowcast.frame.Quantisation;
import nowcast.frame.RawType;
import org.junit.jupiter.api.Test;

class PixelCodecTest {

    // KNMI-style reflectivity: dBZ = -32 + 0.5 * raw, 255 = no data, 0 = no echo
    private final Quantisation knmi = new Quantisation(RawType.UINT8, 0.5, -32.0, 255.0, 0.0, -32.0);

    @Test
    void decodesGainOffsetNodataAndUndetect() {
        byte[] raw = {0, 64, (byte) 200, (byte) 255};
        float[] v = PixelCodec.decode(raw, knmi, 4);
        assertThat(v[0]).isEqualTo(-32f);
        assertThat(v[1]).isEqualTo(0f);
        assertThat(v[2]).isEqualTo(68f);
        assertThat(v[3]).isNaN();
    }

    @Test
    void encodesByRoundingClampingAndMappingNanToNodata() {
        float[] physical = {Float.NaN, -40f, 0.26f, 500f, 10.1f};
        byte[] raw = PixelCodec.encode(physical, knmi);
        assertThat(raw[0] & 0xff).as("NaN -> nodata").isEqualTo(255);
        assertThat(raw[1] & 0xff).as("below the floor -> undetect").isEqualTo(0);
        assertThat(raw[2] & 0xff).as("0.26 dBZ rounds to raw 65 (0.5 dBZ)").isEqualTo(65);
        assertThat(raw[3] & 0xff).as("clamped, but never onto the nodata code").isEqualTo(254);
        assertThat(raw[4] & 0xff).isEqualTo(84);
        float[] back = PixelCodec.decode(raw, knmi, physical.length);
        assertThat(back[4]).isCloseTo(10.1f, within(0.25f));
    }

    @Test
    void littleEndianSixteenBitTypes() {
        Quantisation rate = new Quantisation(RawType.UINT16, 0.01, 0.0, 65535.0, null, 0.0);
        byte[] raw = PixelCodec.encode(new float[] {12.34f, Float.NaN}, rate);
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(b.getShort() & 0xffff).isEqualTo(1234);
        assertThat(b.getShort() & 0xffff).isEqualTo(65535);

        Quantisation signed = new Quantisation(RawType.INT16, 0.1, 0.0, -32768.0, null, 0.0);
        float[] back = PixelCodec.decode(PixelCodec.encode(new float[] {-5.5f, 3276.7f}, signed), signed, 2);
        assertThat(back[0]).isCloseTo(-5.5f, within(1e-4f));
        assertThat(back[1]).isCloseTo(3276.7f, within(1e-2f));
    }

    @Test
    void float32PassesValuesAndNanThrough() {
        float[] v = {1.2345678f, Float.NaN, -0.0f, 1e30f};
        float[] back = PixelCodec.decode(PixelCodec.encode(v, Quantisation.float32()), Quantisation.float32(), 4);
        assertThat(back).containsExactly(v);
    }

    @Test
    void nanWithoutNodataCodeIsAnErrorForIntegerTypes() {
        Quantisation noCode = new Quantisation(RawType.UINT8, 1, 0, null, null, 0);
        assertThatThrownBy(() -> PixelCodec.encode(new float[] {Float.NaN}, noCode))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no nodata code");
    }

    @Test
    void wrongByteCountIsAnErrorNamingBothSizes() {
        assertThatThrownBy(() -> PixelCodec.decode(new byte[5], Quantisation.float32(), 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("5 bytes").hasMessageContaining("8");
    }
}
