package nowcast.schemas.convert;

import java.nio.ByteBuffer;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdException;

import nowcast.avro.Compression;

/**
 * The codec of raster bytes on the wire ({@code Frame.pixels}, each of {@code Forecast.frames}), named in
 * the record so that any reader knows how to undo it. Radar composites are mostly "no echo" and "no data",
 * so Zstandard shrinks them by one to two orders of magnitude: a national composite then fits Kafka's default
 * 1 MB message limit with room to spare. Level 1 because the producer compresses every frame on its
 * publishing thread; higher levels cost several times the CPU for a few percent.
 */
public final class RasterCompression {

    /** Zstandard level used for frames and forecasts. */
    public static final int ZSTD_LEVEL = 1;

    private RasterCompression() {
    }

    /**
     * Most bytes a compressed raster may decode to: 256 MiB, i.e. 64 Mi float32 values, four times the
     * 4400x3800 OPERA composite. Uncompressed rasters are bounded by the message that carries them; a
     * compressed one could otherwise claim any size its grid names.
     */
    public static final long MAX_DECODED_BYTES = 256L * 1024 * 1024;

    /** The wire form of {@code raw}: a Zstandard frame, or the bytes themselves when that is not smaller. */
    static Encoded compress(byte[] raw) {
        byte[] packed = zstd(raw);
        return packed.length < raw.length ? new Encoded(Compression.ZSTD, packed) : new Encoded(Compression.NONE, raw);
    }

    /** One Zstandard frame holding {@code raw}, with its content size in the header. */
    static byte[] zstd(byte[] raw) {
        return Zstd.compress(raw, ZSTD_LEVEL);
    }

    /** Compressed bytes and the codec that made them. */
    record Encoded(Compression compression, byte[] bytes) {
    }

    /**
     * The raw elements of a raster whose decoded size is known from its grid. Nothing larger than
     * {@code expectedBytes} is ever allocated, whatever the compressed data claims.
     *
     * @throws IllegalArgumentException when the data is not a complete Zstandard frame of exactly
     *                                  {@code expectedBytes}, or the codec is unknown
     */
    static ByteBuffer decompress(ByteBuffer wire, Compression compression, long expectedBytes) {
        if (compression == null || compression == Compression.NONE) {
            return wire;
        }
        if (compression != Compression.ZSTD) {
            throw new IllegalArgumentException("pixel compression " + compression + " is not supported");
        }
        if (expectedBytes > MAX_DECODED_BYTES) {
            throw new IllegalArgumentException("compressed pixel data for " + expectedBytes + " bytes is over the limit of "
                    + MAX_DECODED_BYTES + " bytes");
        }
        byte[] packed = new byte[wire.remaining()];
        wire.duplicate().get(packed);
        long declared = Zstd.getFrameContentSize(packed);
        if (declared != expectedBytes) {
            throw new IllegalArgumentException("zstd pixel data " + (declared < 0 ? "is not a zstd frame with a "
                    + "content size" : "decompresses to " + declared + " bytes") + ", but the grid needs "
                    + expectedBytes);
        }
        byte[] raw = new byte[(int) expectedBytes];
        try {
            long n = Zstd.decompress(raw, packed);
            if (n != expectedBytes) {
                throw new IllegalArgumentException("zstd pixel data decompressed to " + n + " bytes, but the grid needs "
                        + expectedBytes);
            }
        } catch (ZstdException e) {
            throw new IllegalArgumentException("zstd pixel data is corrupt: " + e.getMessage(), e);
        }
        return ByteBuffer.wrap(raw);
    }
}
