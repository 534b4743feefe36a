package nowcast.training.data;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import nowcast.frame.BlockAverage;
import nowcast.frame.Frame;
import nowcast.frame.GridMapping;
import nowcast.frame.PhysicalField;
import nowcast.frame.Quantity;
import nowcast.ingestion.readers.FrameLocation;
import nowcast.ingestion.readers.FrameReader;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads an archive with any {@link FrameReader} and turns it into model-grid sequences: every
 * frame is cut into {@code side x side} tiles of {@code block x block} averaged pixels
 * ({@link BlockAverage}, the evaluation protocol's rule), kept in physical units (the model's
 * {@link FieldScaler} must have a rule for the quantity), and each tile's frames are split into
 * gap-free runs at the source cadence.
 */
public final class RadarSequences {

    private static final Logger LOG = LoggerFactory.getLogger(RadarSequences.class);

    private RadarSequences() {
    }

    /**
     * @param crop explicit top-left native pixel {@code {row, col}} of one tile, or null to tile the
     *        whole grid with non-overlapping tiles
     * @param stride native pixels between tile origins when tiling (the tile span, {@code side * block},
     *        for non-overlapping tiles)
     * @param minValidFraction tiles whose frames have fewer valid model pixels than this, on
     *        average, are dropped (outside the radar range)
     */
    public static List<FrameSequence> load(FrameReader reader, Path root, int side, int block, int[] crop, int stride,
                                           double minValidFraction, FieldScaler scaling) throws IOException {
        List<FrameLocation> locations = reader.scan(root);
        if (locations.isEmpty()) {
            throw new IllegalArgumentException("no " + reader.format() + " frames found under " + root);
        }
        List<Frame> frames = new ArrayList<>();
        for (FrameLocation location : locations) {
            frames.add(reader.read(location));
        }
        return fromFrames(frames, root.toString(), side, block, crop, stride, minValidFraction, scaling);
    }

    /**
     * The same for frames already in memory (one source, one grid), e.g. replayed from the frames
     * topic; {@code origin} names them in errors. Frames are put in time order, one per time.
     */
    public static List<FrameSequence> fromFrames(List<Frame> frames, String origin, int side, int block, int[] crop, int stride,
                                                 double minValidFraction, FieldScaler scaling) {
        // one frame per time, the last given winning (a topic may hold a frame re-sent after a producer retry)
        Map<Instant, Frame> byTime = new TreeMap<>();
        frames.forEach(f -> byTime.put(f.time(), f));
        frames = new ArrayList<>(byTime.values());
        if (frames.isEmpty()) {
            throw new IllegalArgumentException(origin + ": no frames");
        }
        Frame first = frames.get(0);
        PhysicalField f0 = first.field();
        scaling.forQuantity(first.quantity()); // fails early, naming the quantities the model knows
        if (f0.channels() != 1) {
            throw new IllegalArgumentException(origin + ": training expects single-channel fields, got " + f0.channels()
                    + " channels of " + f0.quantity());
        }
        List<GridMapping> tiles = new ArrayList<>();
        if (crop != null) {
            tiles.add(GridMapping.crop(f0.rows(), f0.cols(), crop[0], crop[1], side, side, block, first.quantity()));
        } else {
            int span = side * block;
            int step = stride > 0 ? stride : span;
            for (int r = 0; r + span <= f0.rows(); r += step) {
                for (int c = 0; c + span <= f0.cols(); c += step) {
                    tiles.add(GridMapping.crop(f0.rows(), f0.cols(), r, c, side, side, block, first.quantity()));
                }
            }
            if (tiles.isEmpty()) {
                throw new IllegalArgumentException(origin + ": the " + f0.rows() + "x" + f0.cols() + " grid is smaller than one "
                        + span + "x" + span + " tile (" + side + " model pixels of block " + block + ")");
            }
        }
        List<FrameSequence> out = new ArrayList<>();
        for (GridMapping tile : tiles) {
            List<Instant> times = new ArrayList<>();
            List<float[]> fields = new ArrayList<>();
            long valid = 0;
            for (Frame frame : frames) {
                PhysicalField f = frame.field();
                if (f.rows() != f0.rows() || f.cols() != f0.cols() || f.quantity() != f0.quantity()) {
                    String where = frame.sourcePath() != null ? frame.sourcePath() : frame.sourceId() + " at " + frame.time();
                    throw new IllegalArgumentException(where + ": " + f.quantity() + " " + f.rows() + "x" + f.cols()
                            + " differs from the first frame of " + origin + " (" + f0.quantity() + " " + f0.rows() + "x" + f0.cols() + ")");
                }
                PhysicalField averaged = BlockAverage.apply(f, tile);
                for (float v : averaged.values()) {
                    if (!Float.isNaN(v)) {
                        valid++;
                    }
                }
                times.add(frame.time());
                fields.add(averaged.values());
            }
            double fraction = valid / (double) ((long) side * side * frames.size());
            String id = first.sourceId() + "@" + tile.cropRow() + "," + tile.cropCol() + "/" + block;
            if (fraction < minValidFraction) {
                LOG.info("{}: tile dropped, only {}% of its pixels are valid", id, Math.round(100 * fraction));
                continue;
            }
            out.addAll(gapFree(id, first.quantity(), first.cadence(), times, fields, side));
        }
        return out;
    }

    /** Splits frames into runs whose consecutive times are exactly one cadence apart. */
    static List<FrameSequence> gapFree(String id, Quantity quantity, Duration cadence, List<Instant> times, List<float[]> fields,
                                       int side) {
        List<FrameSequence> out = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= times.size(); i++) {
            if (i == times.size() || !Duration.between(times.get(i - 1), times.get(i)).equals(cadence)) {
                out.add(new FrameSequence(id, quantity, cadence, times.subList(start, i), fields.subList(start, i), side));
                start = i;
            }
        }
        return out;
    }
}
