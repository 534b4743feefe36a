package nowcast.predictor.deadletter;

import java.time.Instant;
import java.util.Optional;

import org.apache.kafka.streams.processor.api.RecordMetadata;

import nowcast.avro.DeadLetter;
import nowcast.schemas.deadletter.DeadLetterBuilder;

/**
 * The predictor's dead letters. Stages: {@value #DECODE} (the record is not a frame),
 * {@value #WINDOW} (a valid frame the window rules reject: late, invalid grid or values) and
 * {@value #NOWCAST} (the nowcaster failed on the window). The original bytes are kept for decode failures
 * only (up to the configured attachment limit); for the later stages the topic, partition and offset
 * point at the original record, which is still in the frames topic.
 */
public final class DeadLetters {

    public static final String DECODE = "decode";
    public static final String WINDOW = "window";
    public static final String NOWCAST = "nowcast";

    private DeadLetters() {
    }

    /** A letter without original bytes (the later stages). */
    public static DeadLetter of(String stage, String reason, Throwable error, String sourceId, Instant observationTime,
                                Optional<RecordMetadata> origin, Instant failedAt) {
        return of(stage, reason, error, sourceId, observationTime, origin, null, null, failedAt, 0);
    }

    public static DeadLetter of(String stage, String reason, Throwable error, String sourceId, Instant observationTime,
                                Optional<RecordMetadata> origin, byte[] key, byte[] value, Instant failedAt,
                                int attachmentLimit) {
        DeadLetterBuilder letter = DeadLetterBuilder.of(stage, reason, failedAt, attachmentLimit)
                .error(error).source(sourceId, observationTime).original(key, value);
        origin.ifPresent(m -> letter.origin(m.topic(), m.partition(), m.offset()));
        return letter.build();
    }
}
