package nowcast.schemas.deadletter;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import nowcast.avro.DeadLetter;

/**
 * The one way a dead letter ({@code nowcast.avro.DeadLetter}) is made, by every stage that rejects
 * something (ingestion, predictor, sink). Original bytes (a record's value, a rejected file) travel
 * with the letter only up to the attachment limit, so that a letter stays well inside the broker's
 * message size (1 MiB by default) with its other fields; a larger original is left out and the
 * letter's path or topic, partition and offset say where it is.
 */
public final class DeadLetterBuilder {

    /** The attachment limit unless configured otherwise: half the broker's default message size. */
    public static final int DEFAULT_ATTACHMENT_LIMIT = 512 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterBuilder.class);

    private final DeadLetter.Builder letter;
    private final int attachmentLimit;

    private DeadLetterBuilder(String stage, String reason, Instant failedAt, int attachmentLimit) {
        if (attachmentLimit < 0) {
            throw new IllegalArgumentException("the dead-letter attachment limit must be >= 0 bytes, got "
                    + attachmentLimit);
        }
        this.attachmentLimit = attachmentLimit;
        this.letter = DeadLetter.newBuilder().setStage(stage).setReason(reason).setFailedAt(failedAt);
    }

    /** A letter from {@code stage} for {@code reason}, attaching originals up to {@code attachmentLimit} bytes. */
    public static DeadLetterBuilder of(String stage, String reason, Instant failedAt, int attachmentLimit) {
        return new DeadLetterBuilder(stage, reason, failedAt, attachmentLimit);
    }

    /** The exception's message, or its class when it has none. */
    public static String reasonOf(Throwable error) {
        return error.getMessage() == null ? error.toString() : error.getMessage();
    }

    public DeadLetterBuilder error(Throwable error) {
        letter.setErrorClass(error == null ? null : error.getClass().getName());
        return this;
    }

    /** The source and observation time, either null when unknown. */
    public DeadLetterBuilder source(String sourceId, Instant observationTime) {
        letter.setSourceId(sourceId).setObservationTime(observationTime);
        return this;
    }

    /** Where the original record is: its topic, partition and offset (partition and offset may be null). */
    public DeadLetterBuilder origin(String topic, Integer partition, Long offset) {
        letter.setTopic(topic).setPartition(partition).setOffset(offset);
        return this;
    }

    /** The original record's key and value bytes (either null); the value only within the limit. */
    public DeadLetterBuilder original(byte[] key, byte[] value) {
        letter.setOriginalKey(key == null ? null : ByteBuffer.wrap(key));
        letter.setOriginalValue(value == null || value.length > attachmentLimit ? null : ByteBuffer.wrap(value));
        return this;
    }

    /** The rejected file (may be null): its path, and its bytes when it is a regular file within the limit. */
    public DeadLetterBuilder file(Path file) {
        if (file == null) {
            return this;
        }
        letter.setPath(file.toString());
        try {
            if (Files.isRegularFile(file) && Files.size(file) <= attachmentLimit) {
                letter.setOriginalValue(ByteBuffer.wrap(Files.readAllBytes(file)));
            }
        } catch (IOException e) {
            LOG.debug("not attaching {}: {}", file, e.toString());
        }
        return this;
    }

    public DeadLetter build() {
        return letter.build();
    }
}
