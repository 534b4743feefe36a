package nowcast.schemas.serde;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.Decoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.util.Utf8;

/**
 * Avro binary decoding of one in-memory payload that checks every length and item count against
 * the bytes actually left before anything is allocated: a corrupt 9-byte record that claims a
 * 2 GB string must fail as corrupt, not exhaust the heap (Avro's own decoders allocate first).
 * Collections of zero-byte items (arrays of null) are therefore limited to the payload size.
 */
final class BoundedDecoder extends Decoder {

    private final ByteArrayInputStream in;
    private final BinaryDecoder d;

    BoundedDecoder(byte[] data, int offset, int length) {
        this.in = new ByteArrayInputStream(data, offset, length);
        this.d = DecoderFactory.get().directBinaryDecoder(in, null);
    }

    boolean isEnd() {
        return in.available() == 0;
    }

    private int length(long n, String what) throws IOException {
        if (n < 0 || n > in.available()) {
            throw new EOFException(what + " of length " + n + " but only " + in.available() + " bytes are left");
        }
        return (int) n;
    }

    @Override
    public void readNull() throws IOException {
        d.readNull();
    }

    @Override
    public boolean readBoolean() throws IOException {
        return d.readBoolean();
    }

    @Override
    public int readInt() throws IOException {
        return d.readInt();
    }

    @Override
    public long readLong() throws IOException {
        return d.readLong();
    }

    @Override
    public float readFloat() throws IOException {
        return d.readFloat();
    }

    @Override
    public double readDouble() throws IOException {
        return d.readDouble();
    }

    @Override
    public Utf8 readString(Utf8 old) throws IOException {
        int n = length(d.readLong(), "string");
        Utf8 out = old != null ? old : new Utf8();
        out.setByteLength(n);
        d.readFixed(out.getBytes(), 0, n);
        return out;
    }

    @Override
    public String readString() throws IOException {
        return readString(null).toString();
    }

    @Override
    public void skipString() throws IOException {
        in.skipNBytes(length(d.readLong(), "string"));
    }

    @Override
    public ByteBuffer readBytes(ByteBuffer old) throws IOException {
        int n = length(d.readLong(), "bytes");
        byte[] b = new byte[n];
        d.readFixed(b, 0, n);
        return ByteBuffer.wrap(b);
    }

    @Override
    public void skipBytes() throws IOException {
        in.skipNBytes(length(d.readLong(), "bytes"));
    }

    @Override
    public void readFixed(byte[] bytes, int start, int length) throws IOException {
        length(length, "fixed");
        d.readFixed(bytes, start, length);
    }

    @Override
    public void skipFixed(int length) throws IOException {
        in.skipNBytes(length(length, "fixed"));
    }

    @Override
    public int readEnum() throws IOException {
        return d.readEnum();
    }

    @Override
    public long readArrayStart() throws IOException {
        return blockCount("array");
    }

    @Override
    public long arrayNext() throws IOException {
        return blockCount("array");
    }

    @Override
    public long skipArray() throws IOException {
        return blockCount("array");
    }

    @Override
    public long readMapStart() throws IOException {
        return blockCount("map");
    }

    @Override
    public long mapNext() throws IOException {
        return blockCount("map");
    }

    @Override
    public long skipMap() throws IOException {
        return blockCount("map");
    }

    @Override
    public int readIndex() throws IOException {
        return d.readIndex();
    }

    /** A block's item count; a negative count is followed by the block's size in bytes (Avro spec). */
    private long blockCount(String what) throws IOException {
        long count = d.readLong();
        if (count < 0) {
            count = -count;
            length(d.readLong(), what + " block");
        }
        return length(count, what + " block");
    }
}
