package nowcast.sink.store;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import nowcast.frame.PhysicalField;

/**
 * Writes float32 arrays in the NumPy {@code .npy} format version 1.0 (little-endian {@code <f4},
 * C order), readable by {@code numpy.load} with nothing from this project. NaN stays NaN (no data).
 */
public final class NpyWriter {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};

    private NpyWriter() {
    }

    /**
     * Stacks fields of one shape into shape {@code (n, rows, cols)} or, with more than one channel,
     * {@code (n, rows, cols, channels)}.
     */
    public static byte[] stack(List<PhysicalField> fields) {
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("nothing to write: no fields");
        }
        PhysicalField first = fields.get(0);
        for (PhysicalField f : fields) {
            if (f.rows() != first.rows() || f.cols() != first.cols() || f.channels() != first.channels()) {
                throw new IllegalArgumentException("fields differ in shape: " + first.rows() + "x" + first.cols() + "x"
                        + first.channels() + " and " + f.rows() + "x" + f.cols() + "x" + f.channels());
            }
        }
        long[] shape = first.channels() == 1
                ? new long[] {fields.size(), first.rows(), first.cols()}
                : new long[] {fields.size(), first.rows(), first.cols(), first.channels()};
        byte[] header = header(shape);
        int values = first.size() * fields.size();
        ByteBuffer out = ByteBuffer.allocate(header.length + values * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        out.put(header);
        for (PhysicalField f : fields) {
            for (float v : f.values()) {
                out.putFloat(v);
            }
        }
        return out.array();
    }

    /** An array of any shape from its C-order parts, written one after the other. */
    public static byte[] array(long[] shape, List<float[]> parts) {
        long values = 1;
        for (long d : shape) {
            values *= d;
        }
        long given = parts.stream().mapToLong(p -> p.length).sum();
        if (given != values) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + values + " values, got "
                    + given);
        }
        byte[] header = header(shape);
        ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(header.length + values * Float.BYTES))
                .order(ByteOrder.LITTLE_ENDIAN);
        out.put(header);
        for (float[] p : parts) {
            for (float v : p) {
                out.putFloat(v);
            }
        }
        return out.array();
    }

    private static byte[] header(long[] shape) {
        String dims = Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining(", "));
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + dims + (shape.length == 1 ? "," : "")
                + "), }";
        // Magic (8) + header length (2) + dict + padding + '\n' must be a multiple of 64.
        int unpadded = MAGIC.length + 2 + dict.length() + 1;
        int padding = (64 - unpadded % 64) % 64;
        String text = dict + " ".repeat(padding) + "\n";
        byte[] dictBytes = text.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(MAGIC.length + 2 + dictBytes.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).putShort((short) dictBytes.length).put(dictBytes);
        return b.array();
    }
}
