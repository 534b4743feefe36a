package nowcast.ingestion.watch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import nowcast.frame.Frame;
import nowcast.ingestion.deadletter.DeadLetters;
import nowcast.ingestion.ledger.SentLedger;
import nowcast.ingestion.producer.FrameProducer;
import nowcast.ingestion.producer.FrameTooLargeException;
import nowcast.ingestion.readers.BadFrameException;
import nowcast.ingestion.readers.FrameLocation;
import nowcast.ingestion.readers.FrameReader;

/**
 * Publishes each new file of a live directory once, when it is complete. A file counts as complete when
 * its name belongs to the format (so a writer that renames {@code x.tmp} to the final name atomically is
 * handled by construction), it is not hidden, and its size and modification time were unchanged between
 * two polls at least {@code settle} apart (a file still being written, or copied in place, is left for a
 * later poll). What was sent or rejected is kept in a {@link SentLedger}, so a restarted watcher does not
 * publish anything twice; a bad file becomes a dead letter and the watcher goes on.
 */
public final class DirectoryWatcher {

    private static final Logger LOG = LoggerFactory.getLogger(DirectoryWatcher.class);

    private final FrameReader reader;
    private final Path dir;
    private final FrameProducer producer;
    private final DeadLetters deadLetters;
    private final SentLedger ledger;
    private final Duration settle;
    private final Clock clock;
    private final Map<Path, Seen> lastSeen = new HashMap<>();

    private record Seen(long size, long modified, long firstSeenMillis) {
    }

    public DirectoryWatcher(FrameReader reader, Path dir, FrameProducer producer, DeadLetters deadLetters,
                            SentLedger ledger, Duration settle, Clock clock) {
        this.reader = reader;
        this.dir = dir;
        this.producer = producer;
        this.deadLetters = deadLetters;
        this.ledger = ledger;
        this.settle = settle;
        this.clock = clock;
    }

    /** One look at the directory; returns the number of frames published. */
    public int pollOnce() throws IOException, InterruptedException {
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "watched directory does not exist");
        }
        List<FrameLocation> found = reader.scan(dir, this::rejectedName);
        Map<Path, Seen> now = new HashMap<>();
        int published = 0;
        for (FrameLocation location : found) {
            Path file = location.path();
            if (file.getFileName().toString().startsWith(".") || ledger.wasSent(location.sourceId(), location.time())) {
                continue;
            }
            BasicFileAttributes attrs;
            try {
                attrs = Files.readAttributes(file, BasicFileAttributes.class);
            } catch (NoSuchFileException gone) {
                continue;
            }
            long size = attrs.size();
            long modified = attrs.lastModifiedTime().toMillis();
            Seen before = lastSeen.get(file);
            Seen seen = before != null && before.size == size && before.modified == modified ? before
                    : new Seen(size, modified, clock.millis());
            now.put(file, seen);
            boolean stable = before == seen && clock.millis() - seen.firstSeenMillis >= settle.toMillis();
            if (!stable || ledger.wasRejected(file, size, modified)) {
                continue;
            }
            if (publish(location, size, modified)) {
                published++;
            }
        }
        lastSeen.clear();
        lastSeen.putAll(now);
        return published;
    }

    private boolean publish(FrameLocation location, long size, long modified) throws InterruptedException {
        Path file = location.path();
        try {
            Frame frame = reader.read(location);
            FrameProducer.Prepared prepared = producer.prepare(frame);
            producer.send(prepared).get(60, TimeUnit.SECONDS);
            ledger.recordSent(location.sourceId(), location.time());
            LOG.info("published {} ({} at {})", file, frame.sourceId(), frame.time());
            return true;
        } catch (BadFrameException e) {
            reject(location, size, modified, e.reason(), e);
        } catch (FrameTooLargeException e) {
            reject(location, size, modified, e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            reject(location, size, modified, "cannot read: " + e.getMessage(), e);
        } catch (ExecutionException | TimeoutException e) {
            // not acknowledged: not recorded, so the next poll tries again
            LOG.error("frame from {} was not acknowledged by the broker, will retry: {}", file, e.toString());
        }
        return false;
    }

    private void reject(FrameLocation location, long size, long modified, String reason, Exception e) {
        deadLetters.report(location.path(), location.sourceId(), location.time(), reason, e);
        ledger.recordRejected(location.path(), size, modified);
    }

    private void rejectedName(BadFrameException e) {
        Path file = e.path();
        try {
            BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
            long modified = attrs.lastModifiedTime().toMillis();
            if (!ledger.wasRejected(file, attrs.size(), modified)) {
                deadLetters.report(file, null, null, e.reason(), e);
                ledger.recordRejected(file, attrs.size(), modified);
            }
        } catch (IOException gone) {
            LOG.debug("{} vanished before it could be reported: {}", file, gone.toString());
        }
    }

    /** Polls every {@code interval} until the thread is interrupted; a failing poll is logged and retried. */
    public void run(Duration interval) throws InterruptedException {
        LOG.info("watching {} for {} files every {} ms (ledger {})", dir, reader.format(), interval.toMillis(), ledger.file());
        while (!Thread.currentThread().isInterrupted()) {
            try {
                pollOnce();
            } catch (IOException | RuntimeException e) {
                LOG.error("poll of {} failed, retrying: {}", dir, e.toString());
            }
            Thread.sleep(interval.toMillis());
        }
    }
}
