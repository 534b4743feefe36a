package nowcast.sink.verify;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import nowcast.frame.Quantity;
import nowcast.scoring.FieldScore;

/**
 * Scores of one lead of one forecast from {@code method} (the model's name, or {@link #PERSISTENCE}
 * for the reference that repeats the observation at base time) against the observation at
 * {@code validTime}, with the verification of its exceedance probabilities per threshold when it had
 * them. Inside the JVM; the Avro {@code VerificationScore} is its wire form (without the probabilities).
 */
public record LeadScore(String sourceId, Instant baseTime, int leadIndex, Duration lead, Instant validTime,
                        String method, Quantity quantity, FieldScore score, Instant scoredAt,
                        List<ExceedanceScore> exceedance) {

    public static final String PERSISTENCE = "persistence";

    public LeadScore {
        exceedance = exceedance == null ? List.of() : List.copyOf(exceedance);
    }

    /** A score without exceedance probabilities (persistence, or a forecast without them). */
    public LeadScore(String sourceId, Instant baseTime, int leadIndex, Duration lead, Instant validTime,
                     String method, Quantity quantity, FieldScore score, Instant scoredAt) {
        this(sourceId, baseTime, leadIndex, lead, validTime, method, quantity, score, scoredAt, List.of());
    }
}
