package nowcast.ingestion.deadletter;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import nowcast.avro.DeadLetter;
import nowcast.ingestion.producer.FrameProducer;
import nowcast.schemas.deadletter.DeadLetterBuilder;

/**
 * Reports input that could not be published: one WARN log line naming the file and the reason, and one
 * record on the dead-letter topic (stage {@code ingestion}, reason, file path, source and time when known).
 * The file's bytes are attached up to the attachment limit ({@link DeadLetterBuilder}).
 */
public final class DeadLetters {

    public static final String STAGE = "ingestion";
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);

    private final FrameProducer producer;
    private final Clock clock;
    private final int attachmentLimit;
    private final AtomicLong count = new AtomicLong();

    public DeadLetters(FrameProducer producer, Clock clock) {
        this(producer, clock, DeadLetterBuilder.DEFAULT_ATTACHMENT_LIMIT);
    }

    /** Files up to {@code attachmentLimit} bytes travel with their dead letter, to be inspected from the topic. */
    public DeadLetters(FrameProducer producer, Clock clock, int attachmentLimit) {
        this.producer = producer;
        this.clock = clock;
        this.attachmentLimit = attachmentLimit;
    }

    public long count() {
        return count.get();
    }

    /** Logs and publishes one rejection; waits for the broker's acknowledgement so that none is lost. */
    public void report(Path file, String sourceId, Instant time, String reason, Throwable error) {
        count.incrementAndGet();
        LOG.warn("rejected {}: {}", file == null ? "(no file)" : file, reason);
        DeadLetter letter = DeadLetterBuilder.of(STAGE, reason, clock.instant(), attachmentLimit)
                .error(error).source(sourceId, time).file(file).build();
        try {
            producer.sendDeadLetter(sourceId, letter).get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.error("could not publish the dead letter for {} ({}): {}", file, reason, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
