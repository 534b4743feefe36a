package nowcast.predictor.window;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import nowcast.frame.GeoReference;
import nowcast.frame.GridMapping;

/**
 * Compact binary form of {@link SourceWindow} for the window store and its changelog. The state
 * holds only times and small metadata (the fields are in the frame store), so a value is a few
 * hundred bytes. The leading version byte lets a future layout read old changelogs.
 */
public final class SourceWindowSerde implements Serde<SourceWindow> {

    private static final byte VERSION = 1;

    @Override
    public Serializer<SourceWindow> serializer() {
        return (topic, w) -> w == null ? null : encode(w);
    }

    @Override
    public Deserializer<SourceWindow> deserializer() {
        return (topic, bytes) -> bytes == null ? null : decode(bytes, topic);
    }

    static byte[] encode(SourceWindow w) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(buffer)) {
            out.writeByte(VERSION);
            out.writeUTF(w.sourceId());
            out.writeLong(w.cadenceMillis());
            out.writeUTF(w.product());
            writeMapping(out, w.mapping());
            writeGeo(out, w.geo());
            out.writeInt(w.slots().size());
            for (FrameSlot s : w.slots()) {
                out.writeLong(s.timeMillis());
                out.writeBoolean(s.interpolated());
            }
            out.writeInt(w.pending().size());
            for (PendingWindow p : w.pending()) {
                writePending(out, p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    static SourceWindow decode(byte[] bytes, String where) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte version = in.readByte();
            if (version != VERSION) {
                throw new SerializationException("window state in " + where + " has layout version " + version
                        + ", this build reads " + VERSION);
            }
            String sourceId = in.readUTF();
            long cadence = in.readLong();
            String product = in.readUTF();
            GridMapping mapping = readMapping(in);
            GeoReference geo = readGeo(in);
            int slotCount = in.readInt();
            List<FrameSlot> slots = new ArrayList<>(slotCount);
            for (int i = 0; i < slotCount; i++) {
                slots.add(new FrameSlot(in.readLong(), in.readBoolean()));
            }
            int pendingCount = in.readInt();
            List<PendingWindow> pending = new ArrayList<>(pendingCount);
            for (int i = 0; i < pendingCount; i++) {
                pending.add(readPending(in, sourceId));
            }
            return new SourceWindow(sourceId, cadence, product, mapping, geo, slots, pending);
        } catch (IOException e) {
            throw new SerializationException("window state in " + where + " is truncated or corrupt", e);
        }
    }

    private static void writePending(DataOutputStream out, PendingWindow p) throws IOException {
        out.writeLong(p.baseTimeMillis());
        writeTimes(out, p.inputTimesMillis());
        writeTimes(out, p.interpolatedMillis());
        out.writeLong(p.cadenceMillis());
        out.writeUTF(p.product());
        writeMapping(out, p.mapping());
        out.writeLong(p.frameTimestampMillis());
        out.writeLong(p.readyAtMillis());
    }

    private static PendingWindow readPending(DataInputStream in, String sourceId) throws IOException {
        long base = in.readLong();
        List<Long> inputs = readTimes(in);
        List<Long> interpolated = readTimes(in);
        long cadence = in.readLong();
        String product = in.readUTF();
        GridMapping mapping = readMapping(in);
        return new PendingWindow(sourceId, base, inputs, interpolated, cadence, product, mapping, in.readLong(),
                in.readLong());
    }

    private static void writeTimes(DataOutputStream out, List<Long> times) throws IOException {
        out.writeInt(times.size());
        for (long t : times) {
            out.writeLong(t);
        }
    }

    private static List<Long> readTimes(DataInputStream in) throws IOException {
        int n = in.readInt();
        List<Long> times = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            times.add(in.readLong());
        }
        return times;
    }

    private static void writeMapping(DataOutputStream out, GridMapping m) throws IOException {
        out.writeInt(m.sourceRows());
        out.writeInt(m.sourceCols());
        out.writeInt(m.cropRow());
        out.writeInt(m.cropCol());
        out.writeInt(m.cropRows());
        out.writeInt(m.cropCols());
        out.writeInt(m.blockSize());
        out.writeUTF(m.averaging());
    }

    private static GridMapping readMapping(DataInputStream in) throws IOException {
        return new GridMapping(in.readInt(), in.readInt(), in.readInt(), in.readInt(), in.readInt(), in.readInt(),
                in.readInt(), in.readUTF());
    }

    private static void writeGeo(DataOutputStream out, GeoReference g) throws IOException {
        out.writeBoolean(g != null);
        if (g == null) {
            return;
        }
        out.writeUTF(g.projection() == null ? "" : g.projection());
        out.writeDouble(g.xMin());
        out.writeDouble(g.yMin());
        out.writeDouble(g.xMax());
        out.writeDouble(g.yMax());
        out.writeDouble(g.pixelSizeX());
        out.writeDouble(g.pixelSizeY());
        out.writeUTF(g.units());
        out.writeInt(g.corners().size());
        for (double c : g.corners()) {
            out.writeDouble(c);
        }
    }

    private static GeoReference readGeo(DataInputStream in) throws IOException {
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
        int n = in.readInt();
        List<Double> corners = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            corners.add(in.readDouble());
        }
        return new GeoReference(projection, xMin, yMin, xMax, yMax, px, py, units, corners);
    }
}
