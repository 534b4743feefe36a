package nowcast.model.weights;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * One tensor read from or written to a file, on the Java heap: its name, element type, shape
 * (row-major, C order) and little-endian bytes.
 */
public record NamedTensor(String name, TensorType type, long[] shape, byte[] data) {

    public NamedTensor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        shape = shape.clone();
        long expected = numel(shape) * type.bytes();
        if (data.length != expected) {
            throw new IllegalArgumentException("tensor " + name + " of shape " + Arrays.toString(shape) + " and type "
                    + type + " needs " + expected + " bytes, got " + data.length);
        }
    }

    public static NamedTensor ofFloats(String name, long[] shape, float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return new NamedTensor(name, TensorType.FLOAT32, shape, b.array());
    }

    public static long numel(long[] shape) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            n *= d;
        }
        return n;
    }

    public long numel() {
        return numel(shape);
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    public String shapeText() {
        return Arrays.toString(shape);
    }

    /** The values as float32, converting from float64, float16 and integer types. */
    public float[] toFloats() {
        int n = Math.toIntExact(numel());
        float[] out = new float[n];
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        switch (type) {
            case FLOAT32 -> b.asFloatBuffer().get(out);
            case FLOAT64 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = (float) b.getDouble(i * 8);
                }
            }
            case FLOAT16 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = halfToFloat(b.getShort(i * 2));
                }
            }
            case INT64 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = b.getLong(i * 8);
                }
            }
            case INT32 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = b.getInt(i * 4);
                }
            }
            case UINT8, BOOL -> {
                for (int i = 0; i < n; i++) {
                    out[i] = data[i] & 0xff;
                }
            }
            default -> throw new IllegalStateException("unhandled type " + type);
        }
        return out;
    }

    /** The first value as a long (for integer scalars such as {@code num_batches_tracked}). */
    public long scalarAsLong() {
        if (numel() != 1) {
            throw new IllegalArgumentException("tensor " + name + " is not a scalar: shape " + shapeText());
        }
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        return switch (type) {
            case INT64 -> b.getLong(0);
            case INT32 -> b.getInt(0);
            default -> (long) toFloats()[0];
        };
    }

    /** IEEE 754 binary16 to float ({@code Float.float16ToFloat} needs Java 20). */
    static float halfToFloat(short h) {
        int bits = h & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exp = (bits >>> 10) & 0x1f;
        int mant = bits & 0x3ff;
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        if (exp == 0) {
            float v = mant * 0x1p-24f;
            return sign == 0 ? v : -v;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }

    public NamedTensor withName(String newName) {
        return new NamedTensor(newName, type, shape, data);
    }
}
