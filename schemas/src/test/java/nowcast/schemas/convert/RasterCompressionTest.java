package nowcast.schemas.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.github.luben.zstd.Zstd;

import nowcast.avro.Compression;
import nowcast.forecast.Forecast;
import nowcast.forecast.ModelIdentity;
import nowcast.forecast.Timings;
import nowcast.frame.Frame;
import nowcast.frame.PhysicalField;
import nowcast.frame.Quantisation;
import nowcast.frame.Quantity;
import nowcast.frame.RawType;

/** Pixels travel Zstandard-compressed, the codec named in the record, and come back bit for bit. */
class RasterCompressionTest {

    private static final Quantisation KNMI = new Quantisation(RawType.UINT16, 0.01, 0.0, 65535.0, 0.0, 0.0);

    /** A KNMI-sized composite: no data outside a disc, dry almost everywhere, a few rain cells. */
    static Frame composite(int rows, int cols, long seed) {
        Random random = new Random(seed);
        double[] rate = new double[rows * cols];
        for (int cell = 0; cell < 12; cell++) {
            double cr = random.nextDouble() * rows;
            double cc = random.nextDouble() * cols;
            double sigma = 5 + random.nextDouble() * 20;
            double peak = 1 + random.nextDouble() * 40;
            int reach = (int) Math.ceil(4 * sigma);
            for (int r = Math.max(0, (int) cr - reach); r < Math.min(rows, (int) cr + reach); r++) {
                for (int c = Math.max(0, (int) cc - reach); c < Math.min(cols, (int) cc + reach); c++) {
                    double d2 = (r - cr) * (r - cr) + (c - cc) * (c - cc);
                    rate[r * cols + c] += peak * Math.exp(-d2 / (2 * sigma * sigma));
                }
            }
        }
        float[] v = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double dr = r - rows / 2.0;
                double dc = c - cols / 2.0;
                double x = rate[r * cols + c];
                v[r * cols + c] = dr * dr + dc * dc > 0.24 * rows * rows ? Float.NaN
                        : x < 0.1 ? 0f : (float) (Math.round(x * 100) / 100.0);
            }
        }
        return new Frame("knmi", Instant.parse("2010-08-26T12:00:00Z"), Duration.ofMinutes(5), "knmi",
                PhysicalField.single(Quantity.RAIN_RATE, rows, cols, v), KNMI, null, null, Map.of());
    }

    @Test
    void aCompositeTravelsCompressedAndComesBackExactly() {
        Frame f = composite(765, 700, 1);
        nowcast.avro.Frame a = FrameConverter.toAvro(f);
        assertThat(a.getPixelCompression()).isEqualTo(Compression.ZSTD);
        int raw = 765 * 700 * 2;
        assertThat(a.getPixels().remaining()).as("compressed pixel bytes").isLessThan(raw / 10);
        assertThat(FrameConverter.fromAvro(a).field().values()).isEqualTo(f.field().values());
    }

    @Test
    void uncompressedPixelsAreTheRawElements() {
        Frame f = composite(50, 40, 2);
        nowcast.avro.Frame a = FrameConverter.toAvro(f, Compression.NONE);
        assertThat(a.getPixelCompression()).isEqualTo(Compression.NONE);
        assertThat(a.getPixels().remaining()).isEqualTo(50 * 40 * 2);
        ByteBuffer expected = ByteBuffer.wrap(PixelCodec.encode(f.field().values(), KNMI));
        assertThat(a.getPixels()).isEqualTo(expected);
        assertThat(FrameConverter.fromAvro(a).field().values()).isEqualTo(f.field().values());
    }

    @Test
    void incompressiblePixelsAreSentAsTheyAre() {
        Random random = new Random(3);
        float[] noise = new float[64 * 64];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = random.nextInt(256);
        }
        Frame f = new Frame("noise", Instant.EPOCH, Duration.ofMinutes(5), "noise",
                PhysicalField.single(Quantity.GREY_LEVEL, 64, 64, noise),
                new Quantisation(RawType.UINT8, 1.0, 0.0, null, null, 0.0), null, null, Map.of());
        nowcast.avro.Frame a = FrameConverter.toAvro(f);
        assertThat(a.getPixelCompression()).isEqualTo(Compression.NONE);
        assertThat(a.getPixels().remaining()).isEqualTo(64 * 64);
        assertThat(FrameConverter.fromAvro(a).field().values()).isEqualTo(noise);
    }

    @Test
    void corruptCompressedPixelsAreRejectedNamingTheFrame() {
        nowcast.avro.Frame a = FrameConverter.toAvro(composite(200, 180, 4));
        byte[] bytes = new byte[a.getPixels().remaining()];
        a.getPixels().duplicate().get(bytes);
        for (int i = bytes.length / 3; i < bytes.length; i += 7) {
            bytes[i] ^= 0x5a;
        }
        a.setPixels(ByteBuffer.wrap(bytes));
        assertThatThrownBy(() -> FrameConverter.fromAvro(a)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("frame of source knmi").hasMessageContaining("zstd");
    }

    @Test
    void aCompressedRasterOfTheWrongSizeIsRejectedBeforeDecompressing() {
        nowcast.avro.Frame a = FrameConverter.toAvro(composite(20, 20, 5));
        a.setPixels(ByteBuffer.wrap(Zstd.compress(new byte[20 * 20 * 2 + 2], 1)));
        a.setPixelCompression(Compression.ZSTD);
        assertThatThrownBy(() -> FrameConverter.fromAvro(a)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("decompresses to 802 bytes, but the grid needs 800");
    }

    @Test
    void aGridTooLargeForCompressedPixelsIsRefusedWithoutAllocatingIt() {
        nowcast.avro.Frame a = FrameConverter.toAvro(composite(20, 20, 6));
        a.getGrid().setRows(20_000);
        a.getGrid().setCols(20_000);
        a.setPixelCompression(Compression.ZSTD);
        assertThatThrownBy(() -> FrameConverter.fromAvro(a)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("over the limit of " + RasterCompression.MAX_DECODED_BYTES);
    }

    @Test
    void forecastFramesTravelCompressed() {
        List<PhysicalField> frames = new ArrayList<>();
        for (int lead = 0; lead < 10; lead++) {
            frames.add(composite(128, 128, 10 + lead).field());
        }
        Instant base = Instant.parse("2024-06-01T12:00:00Z");
        Forecast f = new Forecast("s1", base, List.of(base), List.of(), java.util.Collections.nCopies(10,
                Duration.ofMinutes(5)), "p", frames, Quantisation.float32(), null, null,
                ModelIdentity.baseline("persistence"), new Timings(0, 0, 0, 1), base);
        nowcast.avro.Forecast a = ForecastConverter.toAvro(f);
        assertThat(a.getFrameCompression()).isEqualTo(Compression.ZSTD);
        long bytes = a.getFrames().stream().mapToLong(ByteBuffer::remaining).sum();
        // float32 rates keep their mantissa noise, so they shrink less than quantised frames
        assertThat(bytes).isLessThan(10L * 128 * 128 * 4 * 3 / 4);
        Forecast back = ForecastConverter.fromAvro(a);
        for (int lead = 0; lead < 10; lead++) {
            assertThat(back.frames().get(lead).values()).isEqualTo(frames.get(lead).values());
        }
        nowcast.avro.Forecast plain = ForecastConverter.toAvro(f, Compression.NONE);
        assertThat(plain.getFrameCompression()).isEqualTo(Compression.NONE);
        assertThat(plain.getFrames().get(3).remaining()).isEqualTo(128 * 128 * 4);
    }
}
