package nowcast.sink.store;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Identifies one stored forecast: source and base time. Knows the store layout
 * {@code <source>/<yyyy>/<mm>/<dd>/<yyyyMMdd'T'HHmmss'Z'>/} and refuses anything that could leave it.
 */
public record ForecastKey(String sourceId, Instant baseTime) {

    /** Source ids that may name a folder or an object prefix as they are. */
    private static final Pattern SAFE_SOURCE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final DateTimeFormatter BASE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);

    public ForecastKey {
        Objects.requireNonNull(baseTime, "baseTime");
        checkSourceId(sourceId);
        // The folder name has whole seconds; a sub-second base time would collide or not round-trip.
        baseTime = baseTime.truncatedTo(ChronoUnit.SECONDS);
    }

    /**
     * Throws when {@code sourceId} cannot be a folder name: 1-128 characters of letters, digits,
     * '.', '_' and '-', starting with a letter or digit (so never "." or "..").
     */
    public static String checkSourceId(String sourceId) {
        if (sourceId == null || !SAFE_SOURCE.matcher(sourceId).matches()) {
            throw new IllegalArgumentException("source id " + (sourceId == null ? "null" : "'" + sourceId + "'")
                    + " is not 1-128 characters of [A-Za-z0-9._-] starting with a letter or digit");
        }
        return sourceId;
    }

    public static boolean isSafeSourceId(String sourceId) {
        return sourceId != null && SAFE_SOURCE.matcher(sourceId).matches();
    }

    /** The folder name of a base time, e.g. {@code 20260101T120500Z}. */
    public String baseTimeName() {
        return BASE_TIME.format(baseTime);
    }

    /** Parses a base-time folder name or an ISO-8601 instant; throws with the bad text otherwise. */
    public static Instant parseBaseTime(String text) {
        if (text == null || text.length() > 40) {
            throw new IllegalArgumentException("base time must be like 20260101T120500Z or 2026-01-01T12:05:00Z");
        }
        try {
            return Instant.from(BASE_TIME.parse(text));
        } catch (DateTimeParseException notCompact) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("base time '" + text
                        + "' is neither like 20260101T120500Z nor an ISO-8601 instant");
            }
        }
    }

    /** Path of the forecast folder relative to the store root, with '/' separators and a trailing '/'. */
    public String relativeDir() {
        return sourceId + "/" + DAY.format(baseTime) + "/" + baseTimeName() + "/";
    }
}
