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
 * {@code size x size} pixels from (cropRow, cropCol) and averaged in {@code block x block} cells to the
 * 128x128 grid (rain arithmetically, dBZ in linear Z, a cell with fewer than half valid pixels missing),
 * as the protocol's Grid rule prescribes (docs/evaluation.md).
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

    /** Reads and regrids every frame of a catalogued event with its crop, size, block and cadence. */
    public static RadarSequence read(BenchmarkEvent event, Progress progress) throws IOException {
        FrameReader reader = event.reader();
        return read(event.name(), reader, scan(reader, event.path()), event.cropRow(), event.cropCol(), event.size(),
                event.block(), event.cadence(), progress);
    }

    /**
     * Reads every frame of the {@code format} archive under {@code path} and regrids it with the
     * {@code size x size} crop whose top-left native pixel is (cropRow, cropCol) and {@code block x block}
     * cells ({@code size / block} must be 128). A null {@code name} becomes
     * {@code <format>_<yyyyMMdd of the first frame>}, the protocol's event naming. The cadence is the
     * median step between the files' times: readers of formats that do not state it (ODIM) only know
     * a nominal one.
     */
    public static RadarSequence read(String name, String format, Path path, int cropRow, int cropCol, int size,
                                     int block, Progress progress) throws IOException {
        BenchmarkEvent.checkGrid(size, block);
        FrameReader reader = FrameReaders.byName(format);
        List<FrameLocation> locations = scan(reader, path);
        String eventName = name != null ? name
                : format + "_" + DateTimeFormatter.BASIC_ISO_DATE.withZone(ZoneOffset.UTC)
                        .format(locations.get(0).time()).substring(0, 8);
        return read(eventName, reader, locations, cropRow, cropCol, size, block, medianStep(locations), progress);
    }

    private static List<FrameLocation> scan(FrameReader reader, Path path) throws IOException {
        List<FrameLocation> locations = reader.scan(path);
        if (locations.isEmpty()) {
            throw new IllegalArgumentException("no " + reader.format() + " frames found under " + path);
        }
        return locations;
    }

    /** The median step between consecutive distinct times, or null for a single frame. */
    private static Duration medianStep(List<FrameLocation> locations) {
        List<Duration> steps = new ArrayList<>();
        for (int i = 1; i < locations.size(); i++) {
            Duration step = Duration.between(locations.get(i - 1).time(), locations.get(i).time());
            if (!step.isZero()) {
                steps.add(step);
            }
        }
        return steps.isEmpty() ? null : steps.stream().sorted().toList().get(steps.size() / 2);
    }

    private static RadarSequence read(String eventName, FrameReader reader, List<FrameLocation> locations, int cropRow,
                                      int cropCol, int size, int block, Duration cadence, Progress progress)
            throws IOException {
        List<Instant> times = new ArrayList<>(locations.size());
        List<PhysicalField> fields = new ArrayList<>(locations.size());
        int cells = size / block;
        for (FrameLocation location : locations) {
            Frame frame = reader.read(location);
            PhysicalField f = frame.field();
            if (f.rows() < cropRow + size || f.cols() < cropCol + size || cropRow < 0 || cropCol < 0) {
                throw new IllegalArgumentException("crop at row " + cropRow + ", col " + cropCol + " of "
                        + size + "x" + size + " pixels does not fit " + location.path() + " (" + f.rows() + "x"
                        + f.cols() + ")");
            }
            if (!fields.isEmpty() && f.quantity() != fields.get(0).quantity()) {
                throw new IllegalArgumentException(location.path() + " holds " + f.quantity() + " but the first frame of "
                        + eventName + " holds " + fields.get(0).quantity());
            }
            GridMapping mapping = GridMapping.crop(f.rows(), f.cols(), cropRow, cropCol, cells, cells, block,
                    f.quantity());
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
