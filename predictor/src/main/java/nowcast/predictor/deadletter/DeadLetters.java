package nowcast.predictor.deadletter;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Optional;

import org.apache.kafka.streams.processor.api.RecordMetadata;

import nowcast.avro.DeadLetter;

/**
 * Builds the dead letters the predictor emits. Stages: {@value #DECODE} (the record is not a frame),
 * {@value #WINDOW} (a valid frame the window rules reject: late, invalid grid or values) and
 * {@value #NOWCAST} (the nowcaster failed on the window). The original bytes are kept for decode failures
 * only (up to {@value #MAX_ORIGINAL_BYTES} bytes); for the later stages the topic, partition and offset
 * point at the original record, which is still in the frames topic.
 */
public final class DeadLetters {

    public static final String DECODE = "decode";
    public static final String WINDOW = "window";
    public static final String NOWCAST = "nowcast";
    static final int MAX_ORIGINAL_BYTES = 512 * 1024;

    private DeadLetters() {
    }

    public static DeadLetter of(String stage, String reason, Throwable error, String sourceId, Instant observationTime,
                                Optional<RecordMetadata> origin, byte[] key, byte[] value, Instant failedAt) {
        DeadLetter.Builder letter = DeadLetter.newBuilder()
                .setStage(stage)
                .setReason(reason)
                .setErrorClass(error == null ? null : error.getClass().getName())
                .setSourceId(sourceId)
                .setObservationTime(observationTime)
                .setFailedAt(failedAt)
                .setOriginalKey(key == null ? null : ByteBuffer.wrap(key))
                .setOriginalValue(value == null || value.length > MAX_ORIGINAL_BYTES ? null : ByteBuffer.wrap(value));
        origin.ifPresent(m -> letter.setTopic(m.topic()).setPartition(m.partition()).setOffset(m.offset()));
        return letter.build();
    }
}
