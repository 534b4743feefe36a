package nowcast.predictor.window;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import nowcast.frame.PhysicalField;
import nowcast.frame.Quantity;

/**
 * Binary form of a model-grid {@link PhysicalField} in the frame store: version, quantity, shape,
 * then the float32 values little-endian (64 KiB for a 128x128 field). Floats keep NaN (no data)
 * exactly, which a lossy quantisation would blur.
 */
public final class FieldSerde implements Serde<PhysicalField> {

    private static final byte VERSION = 1;
    private static final int HEADER = 1 + 1 + 4 * 3;

    @Override
    public Serializer<PhysicalField> serializer() {
        return (topic, f) -> f == null ? null : encode(f);
    }

    @Override
    public Deserializer<PhysicalField> deserializer() {
        return (topic, bytes) -> bytes == null ? null : decode(bytes, topic);
    }

    static byte[] encode(PhysicalField f) {
        ByteBuffer buffer = ByteBuffer.allocate(HEADER + 4 * f.size()).order(ByteOrder.LITTLE_ENDIAN);
        buffer.put(VERSION).put((byte) f.quantity().ordinal()).putInt(f.rows()).putInt(f.cols()).putInt(f.channels());
        buffer.asFloatBuffer().put(f.values());
        return buffer.array();
    }

    static PhysicalField decode(byte[] bytes, String where) {
        if (bytes.length < HEADER || bytes[0] != VERSION) {
            throw new SerializationException("stored field in " + where + " is not a version " + VERSION
                    + " field (" + bytes.length + " bytes)");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        buffer.get();
        Quantity quantity = Quantity.values()[buffer.get()];
        int rows = buffer.getInt();
        int cols = buffer.getInt();
        int channels = buffer.getInt();
        long n = (long) rows * cols * channels;
        if (rows <= 0 || cols <= 0 || channels <= 0 || HEADER + 4 * n != bytes.length) {
            throw new SerializationException("stored field in " + where + " claims " + rows + "x" + cols + "x"
                    + channels + " but holds " + (bytes.length - HEADER) + " value bytes");
        }
        float[] values = new float[(int) n];
        buffer.asFloatBuffer().get(values);
        return new PhysicalField(quantity, rows, cols, channels, values);
    }
}
