package nowcast.ingestion.replay;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** What a replay did: frames published, already sent before (skipped), rejected, bytes and wall time. */
public record ReplaySummary(long located, long published, long alreadySent, long rejected, long bytes,
                            Duration elapsed, Instant firstEventTime, Instant lastEventTime) {

    public double framesPerSecond() {
        double s = elapsed.toNanos() / 1e9;
        return s > 0 ? published / s : 0;
    }

    public double megabytesPerSecond() {
        double s = elapsed.toNanos() / 1e9;
        return s > 0 ? bytes / 1e6 / s : 0;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT,
                "%d frames located, %d published, %d already sent before, %d rejected; %.1f MB in %.1f s "
                        + "(%.1f frames/s, %.2f MB/s); event time %s .. %s",
                located, published, alreadySent, rejected, bytes / 1e6, elapsed.toNanos() / 1e9, framesPerSecond(),
                megabytesPerSecond(), firstEventTime, lastEventTime);
    }
}
