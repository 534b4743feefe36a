package nowcast.training.evaluation;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import nowcast.frame.BlockAverage;
import nowcast.frame.Frame;
import nowcast.frame.GridMapping;
import nowcast.frame.PhysicalField;
import nowcast.frame.Quantity;
import nowcast.ingestion.readers.FrameLocation;
import nowcast.ingestion.readers.FrameReader;
import nowcast.ingestion.readers.FrameReaders;

/**
 * The frames of one event on the evaluation grid, in time order: each native frame cropped to
 * 256x256 pixels from (cropRow, cropCol) and averaged in 2x2 blocks (linear Z for dBZ, a block with
 * fewer than half valid pixels missing), as BENCHMARK-PROTOCOL.md, Grid, prescribes.
 */
public record RadarSequence(String name, List<Instant> times, List<PhysicalField> fields, Duration cadence) {

    public RadarSequence {
        times = List.copyOf(times);
        fields = List.copyOf(fields);
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("sequence " + name + " has no frames");
        }
        if (times.size() != fields.size()) {
            throw new IllegalArgumentException("sequence " + name + " has " + times.size() + " times but "
                    + fields.size() + " fields");
        }
    }

    /** Hears each frame read: {@code done} of {@code total}. */
    @FunctionalInterface
    public interface Progress {
        void framesRead(int done, int total);
    }

    /** Reads and regrids every frame of a development (or other known) event. */
    public static RadarSequence read(BenchmarkEvent event, Progress progress) throws IOException {
        return read(event.name(), event.format(), event.path(), event.cropRow(), event.cropCol(), progress);
    }

    /**
     * Reads every frame of the {@code format} archive under {@code path} and regrids it with the crop
     * whose top-left native pixel is (cropRow, cropCol). A null {@code name} becomes
     * {@code <format>_<yyyyMMdd of the first frame>}, the protocol's event naming.
     */
    public static RadarSequence read(String name, String format, Path path, int cropRow, int cropCol,
                                     Progress progress) throws IOException {
        FrameReader reader = FrameReaders.byName(format);
        List<FrameLocation> locations = reader.scan(path);
        if (locations.isEmpty()) {
            throw new IllegalArgumentException("no " + format + " frames found under " + path);
        }
        String eventName = name != null ? name
                : format + "_" + DateTimeFormatter.BASIC_ISO_DATE.withZone(ZoneOffset.UTC)
                        .format(locations.get(0).time()).substring(0, 8);
        List<Instant> times = new ArrayList<>(locations.size());
        List<PhysicalField> fields = new ArrayList<>(locations.size());
        Duration cadence = null;
        for (FrameLocation location : locations) {
            Frame frame = reader.read(location);
            PhysicalField f = frame.field();
            if (f.rows() < cropRow + BenchmarkEvent.CROP_SIZE || f.cols() < cropCol + BenchmarkEvent.CROP_SIZE
                    || cropRow < 0 || cropCol < 0) {
                throw new IllegalArgumentException("crop at row " + cropRow + ", col " + cropCol + " of "
                        + BenchmarkEvent.CROP_SIZE + "x" + BenchmarkEvent.CROP_SIZE + " pixels does not fit "
                        + location.path() + " (" + f.rows() + "x" + f.cols() + ")");
            }
            if (!fields.isEmpty() && f.quantity() != fields.get(0).quantity()) {
                throw new IllegalArgumentException(location.path() + " holds " + f.quantity() + " but the first frame of "
                        + eventName + " holds " + fields.get(0).quantity());
            }
            GridMapping mapping = GridMapping.crop(f.rows(), f.cols(), cropRow, cropCol,
                    BenchmarkEvent.CROP_SIZE / BenchmarkEvent.BLOCK, BenchmarkEvent.CROP_SIZE / BenchmarkEvent.BLOCK,
                    BenchmarkEvent.BLOCK, f.quantity());
            times.add(frame.time());
            fields.add(BlockAverage.apply(f, mapping));
            cadence = cadence == null ? frame.cadence() : cadence;
            progress.framesRead(fields.size(), locations.size());
        }
        return new RadarSequence(eventName, times, fields, cadence);
    }

    public Quantity quantity() {
        return fields.get(0).quantity();
    }

    public int size() {
        return fields.size();
    }
}
