package nowcast.ingestion.readers;

import java.time.Duration;

/**
 * Settings shared by readers. {@code sourceId} labels the frames (multi-event formats append the
 * event, e.g. {@code sevir:S728503}); {@code cadence} overrides the format's nominal cadence;
 * {@code quantity} picks a dataset in multi-quantity files (ODIM quantity names such as
 * {@code DBZH}, {@code RATE}); {@code timePattern} is the file-name time pattern for the
 * {@code images} and {@code hko7} formats; {@code maxPixels} bounds untrusted raster sizes.
 */
public record ReaderOptions(String sourceId, Duration cadence, String quantity, String timePattern,
                            long maxPixels) {

    /** Large enough for a 1 km pan-European composite (4400 x 3800), small enough to refuse absurd headers. */
    public static final long DEFAULT_MAX_PIXELS = 64L * 1024 * 1024;

    public ReaderOptions {
        if (maxPixels <= 0) {
            throw new IllegalArgumentException("maxPixels must be positive, got " + maxPixels);
        }
        if (cadence != null && (cadence.isNegative() || cadence.isZero())) {
            throw new IllegalArgumentException("cadence must be positive, got " + cadence);
        }
    }

    public static ReaderOptions defaults() {
        return new ReaderOptions(null, null, null, null, DEFAULT_MAX_PIXELS);
    }

    public ReaderOptions withSourceId(String id) {
        return new ReaderOptions(id, cadence, quantity, timePattern, maxPixels);
    }

    public ReaderOptions withCadence(Duration value) {
        return new ReaderOptions(sourceId, value, quantity, timePattern, maxPixels);
    }

    public ReaderOptions withQuantity(String value) {
        return new ReaderOptions(sourceId, cadence, value, timePattern, maxPixels);
    }

    public ReaderOptions withTimePattern(String value) {
        return new ReaderOptions(sourceId, cadence, quantity, value, maxPixels);
    }

    public ReaderOptions withMaxPixels(long value) {
        return new ReaderOptions(sourceId, cadence, quantity, timePattern, value);
    }

    String sourceIdOr(String fallback) {
        return sourceId == null || sourceId.isBlank() ? fallback : sourceId;
    }

    Duration cadenceOr(Duration fallback) {
        return cadence == null ? fallback : cadence;
    }

    /** Refuses a raster larger than {@link #maxPixels()} before anything is allocated for it. */
    void checkSize(java.nio.file.Path file, long rows, long cols, long channels) throws BadFrameException {
        if (rows <= 0 || cols <= 0 || channels <= 0) {
            throw new BadFrameException(file, "raster dimensions must be positive, got " + rows + "x" + cols
                    + "x" + channels);
        }
        if (rows * cols * channels > maxPixels) {
            throw new BadFrameException(file, "raster of " + rows + "x" + cols + "x" + channels
                    + " exceeds the limit of " + maxPixels + " values (ReaderOptions.maxPixels)");
        }
    }
}
