package nowcast.ingestion.ledger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an ingestion process has already handled, kept in an append-only text file so that a restarted
 * replay or watcher does not publish a frame twice. A frame is identified by source id and observation
 * time; a rejected file by path, size and modification time (a file rewritten later is tried again).
 * Entries are written after the broker acknowledged the frame: a crash in between can repeat one frame,
 * which consumers drop by its identity; no frame is lost.
 */
public final class SentLedger implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SentLedger.class);

    private final Path file;
    private final Set<String> entries = new HashSet<>();
    private final FileChannel channel;

    private SentLedger(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /** Opens (creating when absent) the ledger at {@code file}; unreadable lines are skipped with a warning. */
    public static SentLedger open(Path file) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Set<String> loaded = new HashSet<>();
        if (Files.exists(file)) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.startsWith("sent ") || line.startsWith("rejected ")) {
                    loaded.add(line);
                } else if (!line.isBlank()) {
                    LOG.warn("{} line {}: not a ledger entry, ignored: {}", file, i + 1, line);
                }
            }
        }
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        SentLedger ledger = new SentLedger(file, channel);
        ledger.entries.addAll(loaded);
        return ledger;
    }

    public Path file() {
        return file;
    }

    public synchronized boolean wasSent(String sourceId, Instant time) {
        return entries.contains(sentKey(sourceId, time));
    }

    public synchronized void recordSent(String sourceId, Instant time) {
        append(sentKey(sourceId, time));
    }

    public synchronized boolean wasRejected(Path path, long size, long modifiedMillis) {
        return entries.contains(rejectedKey(path, size, modifiedMillis));
    }

    public synchronized void recordRejected(Path path, long size, long modifiedMillis) {
        append(rejectedKey(path, size, modifiedMillis));
    }

    public synchronized int size() {
        return entries.size();
    }

    private void append(String entry) {
        if (!entries.add(entry)) {
            return;
        }
        try {
            channel.write(java.nio.ByteBuffer.wrap((entry + "\n").getBytes(StandardCharsets.UTF_8)));
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the ingestion ledger " + file, e);
        }
    }

    private static String sentKey(String sourceId, Instant time) {
        return "sent " + sourceId.replace(' ', '_') + " " + time;
    }

    private static String rejectedKey(Path path, long size, long modifiedMillis) {
        return "rejected " + size + " " + modifiedMillis + " " + path.toAbsolutePath();
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }
}
