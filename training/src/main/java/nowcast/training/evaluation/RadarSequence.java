package nowcast.training.evaluation;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

import nowcast.frame.BlockAverage;
import nowcast.frame.Frame;
import nowcast.frame.GridMapping;
import nowcast.frame.PhysicalField;
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
        if (times.size() != fields.size()) {
            throw new IllegalArgumentException("sequence " + name + " has " + times.size() + " times but "
                    + fields.size() + " fields");
        }
    }

    /** Reads and regrids every frame of {@code event}; {@code progress} hears each frame read. */
    public static RadarSequence read(BenchmarkEvent event, IntConsumer progress) throws IOException {
        FrameReader reader = FrameReaders.byName(event.format());
        List<FrameLocation> locations = reader.scan(event.path());
        if (locations.isEmpty()) {
            throw new IllegalArgumentException("no " + event.format() + " frames found under " + event.path());
        }
        List<Instant> times = new ArrayList<>(locations.size());
        List<PhysicalField> fields = new ArrayList<>(locations.size());
        Duration cadence = null;
        for (FrameLocation location : locations) {
            Frame frame = reader.read(location);
            PhysicalField f = frame.field();
            if (f.rows() < event.cropRow() + BenchmarkEvent.CROP_SIZE
                    || f.cols() < event.cropCol() + BenchmarkEvent.CROP_SIZE) {
                throw new IllegalArgumentException("crop at row " + event.cropRow() + ", col " + event.cropCol()
                        + " of " + BenchmarkEvent.CROP_SIZE + "x" + BenchmarkEvent.CROP_SIZE + " pixels does not fit "
                        + location.path() + " (" + f.rows() + "x" + f.cols() + ")");
            }
            GridMapping mapping = GridMapping.crop(f.rows(), f.cols(), event.cropRow(), event.cropCol(),
                    BenchmarkEvent.CROP_SIZE / BenchmarkEvent.BLOCK, BenchmarkEvent.CROP_SIZE / BenchmarkEvent.BLOCK,
                    BenchmarkEvent.BLOCK, f.quantity());
            times.add(frame.time());
            fields.add(BlockAverage.apply(f, mapping));
            cadence = cadence == null ? frame.cadence() : cadence;
            progress.accept(fields.size());
        }
        return new RadarSequence(event.name(), times, fields, cadence);
    }

    public int size() {
        return fields.size();
    }
}
