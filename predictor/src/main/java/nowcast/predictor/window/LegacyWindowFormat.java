package nowcast.predictor.window;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import nowcast.frame.GeoReference;
import nowcast.frame.GridMapping;

/**
 * Reader of the hand-written binary layout that window state had before it moved to Avro (layout
 * version 1: a leading byte 1, then {@link java.io.DataOutputStream} fields). Kept only so that a
 * predictor upgraded in place keeps the windows in its stores and changelogs; each one is rewritten
 * in Avro on its next update. Nothing writes this layout any more (docs/predictor.md, "Window state
 * format").
 */
final class LegacyWindowFormat {

    /** First byte of every value in this layout; never the first byte of a single-object Avro value (0xC3). */
    static final byte VERSION = 1;

    private LegacyWindowFormat() {
    }

    /**
     * Reads one value whose first byte is {@link #VERSION}.
     *
     * @throws IOException when the value is truncated or has bytes after the window
     * @throws IllegalArgumentException when a decoded value breaks a record's invariant
     */
    static SourceWindow decode(byte[] bytes) throws IOException {
        ByteArrayInputStream buffer = new ByteArrayInputStream(bytes);
        DataInputStream in = new DataInputStream(buffer);
        if (in.readByte() != VERSION) {
            throw new IOException("layout version " + bytes[0] + " is not " + VERSION);
        }
        String sourceId = in.readUTF();
        long cadence = in.readLong();
        String product = in.readUTF();
        GridMapping mapping = readMapping(in);
        GeoReference geo = readGeo(in, buffer);
        int slotCount = count(in, buffer, 9);
        List<FrameSlot> slots = new ArrayList<>(slotCount);
        for (int i = 0; i < slotCount; i++) {
            slots.add(new FrameSlot(in.readLong(), in.readBoolean()));
        }
        int pendingCount = count(in, buffer, 8);
        List<PendingWindow> pending = new ArrayList<>(pendingCount);
        for (int i = 0; i < pendingCount; i++) {
            pending.add(readPending(in, buffer, sourceId));
        }
        if (buffer.available() > 0) {
            throw new IOException(buffer.available() + " bytes follow the window");
        }
        return new SourceWindow(sourceId, cadence, product, mapping, geo, slots, pending);
    }

    /** A count read from the value, bounded by the bytes left so that a corrupt one allocates nothing large. */
    private static int count(DataInputStream in, ByteArrayInputStream buffer, int minBytesEach) throws IOException {
        int n = in.readInt();
        if (n < 0 || (long) n * minBytesEach > buffer.available()) {
            throw new IOException("a count of " + n + " does not fit the " + buffer.available() + " bytes left");
        }
        return n;
    }

    private static PendingWindow readPending(DataInputStream in, ByteArrayInputStream buffer, String sourceId)
            throws IOException {
        long base = in.readLong();
        List<Long> inputs = readTimes(in, buffer);
        List<Long> interpolated = readTimes(in, buffer);
        long cadence = in.readLong();
        String product = in.readUTF();
        GridMapping mapping = readMapping(in);
        return new PendingWindow(sourceId, base, inputs, interpolated, cadence, product, mapping, in.readLong(),
                in.readLong());
    }

    private static List<Long> readTimes(DataInputStream in, ByteArrayInputStream buffer) throws IOException {
        int n = count(in, buffer, Long.BYTES);
        List<Long> times = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            times.add(in.readLong());
        }
        return times;
    }

    private static GridMapping readMapping(DataInputStream in) throws IOException {
        return new GridMapping(in.readInt(), in.readInt(), in.readInt(), in.readInt(), in.readInt(), in.readInt(),
                in.readInt(), in.readUTF());
    }

    private static GeoReference readGeo(DataInputStream in, ByteArrayInputStream buffer) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        String projection = in.readUTF();
        double xMin = in.readDouble();
        double yMin = in.readDouble();
        double xMax = in.readDouble();
        double yMax = in.readDouble();
        double px = in.readDouble();
        double py = in.readDouble();
        String units = in.readUTF();
        int n = count(in, buffer, Double.BYTES);
        List<Double> corners = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            corners.add(in.readDouble());
        }
        return new GeoReference(projection, xMin, yMin, xMax, yMax, px, py, units, corners);
    }
}
