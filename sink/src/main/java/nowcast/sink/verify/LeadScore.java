package nowcast.sink.verify;

import java.time.Duration;
import java.time.Instant;

import nowcast.frame.Quantity;

/**
 * Scores of one lead of one forecast from {@code method} (the model's name, or {@link #PERSISTENCE}
 * for the reference that repeats the observation at base time) against the observation at
 * {@code validTime}. Inside the JVM; the Avro {@code VerificationScore} is its wire form.
 */
public record LeadScore(String sourceId, Instant baseTime, int leadIndex, Duration lead, Instant validTime,
                        String method, Quantity quantity, FieldScore score, Instant scoredAt) {

    public static final String PERSISTENCE = "persistence";
}
