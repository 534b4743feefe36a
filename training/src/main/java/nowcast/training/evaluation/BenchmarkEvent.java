package nowcast.training.evaluation;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import nowcast.frame.Quantity;
import nowcast.ingestion.readers.FrameReader;
import nowcast.ingestion.readers.FrameReaders;
import nowcast.ingestion.readers.ReaderOptions;

/**
 * A radar event scored with the protocol: its archive ({@code format} and folder), the square crop of
 * {@code size x size} native pixels whose top-left pixel is ({@code cropRow}, {@code cropCol}), averaged
 * in {@code block x block} cells to the {@value #GRID}x{@value #GRID} model grid, the cadence of its
 * files, the event thresholds in physical units and its {@link EventRole}. The catalogue of known
 * events is {@link BenchmarkEvents}.
 */
public record BenchmarkEvent(String name, String format, Path path, int cropRow, int cropCol, int size, int block,
                             Duration cadence, float[] thresholds, EventRole role) {

    /** Side of the model grid every event is averaged to. */
    public static final int GRID = 128;
    /** The protocol's default crop (256 native pixels) and block (2x2), for archives of about 1 km pixels. */
    public static final int DEFAULT_SIZE = 256;
    public static final int DEFAULT_BLOCK = 2;

    public BenchmarkEvent {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(cadence, "cadence");
        Objects.requireNonNull(role, "role");
        thresholds = thresholds.clone();
        if (thresholds.length == 0) {
            throw new IllegalArgumentException("event " + name + " needs at least one threshold");
        }
        checkGrid(size, block);
        if (cropRow < 0 || cropCol < 0) {
            throw new IllegalArgumentException("event " + name + ": crop origin must not be negative, got "
                    + cropRow + "," + cropCol);
        }
    }

    /**
     * Refuses a crop size and block that do not give the {@value #GRID}x{@value #GRID} grid, with a
     * message that says what would.
     */
    public static void checkGrid(int size, int block) {
        if (block < 1 || size < 1 || size % block != 0 || size / block != GRID) {
            throw new IllegalArgumentException("size " + size + " and block " + block + " must give the " + GRID + "x"
                    + GRID + " model grid (size / block = " + GRID + ", e.g. 256/2, 512/4, 1024/8)");
        }
    }

    /** The reader of this event's archive, with the event's cadence and its name as source id. */
    public FrameReader reader() {
        return FrameReaders.byName(format, ReaderOptions.defaults().withSourceId(name).withCadence(cadence));
    }

    /** Reads every frame of the event onto the model grid ({@link RadarSequence#read(BenchmarkEvent, RadarSequence.Progress)}). */
    public RadarSequence sequence(RadarSequence.Progress progress) throws IOException {
        return RadarSequence.read(this, progress);
    }

    /** The development events, kept for callers of the first protocol; see {@link BenchmarkEvents}. */
    public static List<BenchmarkEvent> development(Path radarDir) {
        return BenchmarkEvents.withRole(radarDir, EventRole.DEVELOPMENT);
    }

    /** The protocol's thresholds for a quantity: 1, 5, 10 mm/h or 20, 30, 40 dBZ. */
    public static float[] defaultThresholds(Quantity quantity) {
        return switch (quantity) {
            case RAIN_RATE -> new float[] {1, 5, 10};
            case REFLECTIVITY -> new float[] {20, 30, 40};
            default -> throw new IllegalArgumentException("no default thresholds for " + quantity + " ("
                    + quantity.unit() + "); give them explicitly");
        };
    }
}
