package nowcast.ingestion.deadletter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.ByteBuffer;
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

/**
 * Reports input that could not be published: one WARN log line naming the file and the reason, and one
 * record on the dead-letter topic (stage {@code ingestion}, reason, file path, source and time when known).
 * The file's bytes are attached when they are small enough to fit a message comfortably.
 */
public final class DeadLetters {

    public static final String STAGE = "ingestion";
    /** Files up to this size travel with their dead letter, so they can be inspected from the topic. */
    public static final long ATTACH_BYTES = 256 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);

    private final FrameProducer producer;
    private final Clock clock;
    private final AtomicLong count = new AtomicLong();

    public DeadLetters(FrameProducer producer, Clock clock) {
        this.producer = producer;
        this.clock = clock;
    }

    public long count() {
        return count.get();
    }

    /** Logs and publishes one rejection; waits for the broker's acknowledgement so that none is lost. */
    public void report(Path file, String sourceId, Instant time, String reason, Throwable error) {
        count.incrementAndGet();
        LOG.warn("rejected {}: {}", file == null ? "(no file)" : file, reason);
        DeadLetter.Builder letter = DeadLetter.newBuilder()
                .setStage(STAGE)
                .setReason(reason)
                .setErrorClass(error == null ? null : error.getClass().getName())
                .setSourceId(sourceId)
                .setObservationTime(time)
                .setPath(file == null ? null : file.toString())
                .setFailedAt(clock.instant());
        letter.setOriginalValue(attachment(file));
        try {
            producer.sendDeadLetter(sourceId, letter.build()).get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.error("could not publish the dead letter for {} ({}): {}", file, reason, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ByteBuffer attachment(Path file) {
        try {
            if (file != null && Files.isRegularFile(file) && Files.size(file) <= ATTACH_BYTES) {
                return ByteBuffer.wrap(Files.readAllBytes(file));
            }
        } catch (IOException e) {
            LOG.debug("not attaching {}: {}", file, e.toString());
        }
        return null;
    }
}
