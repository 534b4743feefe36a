package nowcast.ingestion.synthetic;

import java.time.Duration;
import java.time.Instant;

/**
 * Parameters of the synthetic storm generator. {@code birthsPerFrame} is the mean number of new cells
 * per source and frame (Poisson); {@code pixelKm} sets how far the steering flow moves cells per frame.
 */
public record StormSettings(long seed, int sources, int rows, int cols, Duration cadence, Instant start,
                            double pixelKm, double birthsPerFrame, String sourcePrefix) {

    public static final int MAX_SIDE = 4096;

    public StormSettings {
        if (sources < 1) {
            throw new IllegalArgumentException("sources must be >= 1, got " + sources);
        }
        if (rows < 8 || cols < 8 || rows > MAX_SIDE || cols > MAX_SIDE) {
            throw new IllegalArgumentException("grid must be between 8 and " + MAX_SIDE + " pixels a side, got "
                    + rows + "x" + cols);
        }
        if (cadence == null || cadence.isNegative() || cadence.isZero()) {
            throw new IllegalArgumentException("cadence must be positive, got " + cadence);
        }
        if (!(pixelKm > 0)) {
            throw new IllegalArgumentException("pixelKm must be positive, got " + pixelKm);
        }
        if (!(birthsPerFrame > 0) || birthsPerFrame > 50) {
            throw new IllegalArgumentException("birthsPerFrame must be in (0, 50], got " + birthsPerFrame);
        }
        if (start == null) {
            throw new IllegalArgumentException("start time is required");
        }
        sourcePrefix = sourcePrefix == null || sourcePrefix.isBlank() ? "synthetic" : sourcePrefix;
    }

    /** 128 x 128 pixels of 2 km, 5-minute frames, one source, seed 42, starting 2024-01-01T00:00Z. */
    public static StormSettings defaults() {
        return new StormSettings(42L, 1, 128, 128, Duration.ofMinutes(5), Instant.parse("2024-01-01T00:00:00Z"),
                2.0, 0.5, "synthetic");
    }

    public StormSettings withSeed(long value) {
        return new StormSettings(value, sources, rows, cols, cadence, start, pixelKm, birthsPerFrame, sourcePrefix);
    }

    public StormSettings withSources(int value) {
        return new StormSettings(seed, value, rows, cols, cadence, start, pixelKm, birthsPerFrame, sourcePrefix);
    }

    public StormSettings withGrid(int r, int c) {
        return new StormSettings(seed, sources, r, c, cadence, start, pixelKm, birthsPerFrame, sourcePrefix);
    }

    public StormSettings withCadence(Duration value) {
        return new StormSettings(seed, sources, rows, cols, value, start, pixelKm, birthsPerFrame, sourcePrefix);
    }

    public StormSettings withStart(Instant value) {
        return new StormSettings(seed, sources, rows, cols, cadence, value, pixelKm, birthsPerFrame, sourcePrefix);
    }

    public StormSettings withSourcePrefix(String value) {
        return new StormSettings(seed, sources, rows, cols, cadence, start, pixelKm, birthsPerFrame, value);
    }
}
