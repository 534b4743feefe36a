package nowcast.schemas.convert;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import nowcast.frame.Quantisation;
import nowcast.frame.RawType;

/**
 * Raw pixel bytes (little-endian elements of {@link Quantisation#rawType()}) to and from physical
 * values, by the rule of the {@link Quantisation}. The only place where pixels are packed for the
 * wire, so that every topic and every file uses the same layout.
 */
public final class PixelCodec {

    private PixelCodec() {
    }

    /** Packs physical values into raw bytes: rounded, clamped, NaN as nodata (see {@link Quantisation#toRaw}). */
    public static byte[] encode(float[] physical, Quantisation q) {
        RawType type = q.rawType();
        ByteBuffer out = ByteBuffer.allocate(physical.length * type.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        if (isIdentity(q)) {
            out.asFloatBuffer().put(physical);
            return out.array();
        }
        for (float v : physical) {
            double raw = q.toRaw(v);
            switch (type) {
                case UINT8 -> out.put((byte) (int) raw);
                case UINT16, INT16 -> out.putShort((short) (int) raw);
                case FLOAT32 -> out.putFloat((float) raw);
            }
        }
        return out.array();
    }

    /**
     * Unpacks {@code count} raw elements into physical values.
     *
     * @throws IllegalArgumentException when the buffer does not hold exactly {@code count} elements
     */
    public static float[] decode(ByteBuffer raw, Quantisation q, int count) {
        RawType type = q.rawType();
        ByteBuffer in = raw.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        long expected = (long) count * type.bytes();
        if (in.remaining() != expected) {
            throw new IllegalArgumentException("pixel data has " + in.remaining() + " bytes but " + count + " "
                    + type + " elements need " + expected);
        }
        float[] out = new float[count];
        if (isIdentity(q)) {
            in.asFloatBuffer().get(out);
            return out;
        }
        for (int i = 0; i < count; i++) {
            double r = switch (type) {
                case UINT8 -> in.get() & 0xff;
                case UINT16 -> in.getShort() & 0xffff;
                case INT16 -> in.getShort();
                case FLOAT32 -> in.getFloat();
            };
            out[i] = (float) q.toPhysical(r);
        }
        return out;
    }

    private static boolean isIdentity(Quantisation q) {
        return q.rawType() == RawType.FLOAT32 && q.gain() == 1.0 && q.offset() == 0.0 && q.nodata() == null
                && q.undetect() == null;
    }

    public static float[] decode(byte[] raw, Quantisation q, int count) {
        return decode(ByteBuffer.wrap(raw), q, count);
    }
}
