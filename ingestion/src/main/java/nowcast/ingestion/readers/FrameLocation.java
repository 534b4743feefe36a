package nowcast.ingestion.readers;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * Where one frame lives: the file, its observation time as known before decoding (from the file
 * name or a catalogue), the source it belongs to, and for multi-frame files the entry inside the
 * file ({@code index}, -1 when the file holds one frame).
 */
public record FrameLocation(Path path, Instant time, String sourceId, int index) implements Comparable<FrameLocation> {

    public FrameLocation {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(sourceId, "sourceId");
    }

    public static FrameLocation file(Path path, Instant time, String sourceId) {
        return new FrameLocation(path, time, sourceId, -1);
    }

    /** Event-time order; ties broken by source and path so that the order is total and stable. */
    @Override
    public int compareTo(FrameLocation other) {
        int c = time.compareTo(other.time);
        if (c == 0) {
            c = sourceId.compareTo(other.sourceId);
        }
        if (c == 0) {
            c = path.compareTo(other.path);
        }
        return c != 0 ? c : Integer.compare(index, other.index);
    }
}
