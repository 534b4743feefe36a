package nowcast.ingestion.replay;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import nowcast.frame.Frame;
import nowcast.ingestion.deadletter.DeadLetters;
import nowcast.ingestion.ledger.SentLedger;
import nowcast.ingestion.producer.FrameProducer;
import nowcast.ingestion.producer.FrameTooLargeException;
import nowcast.ingestion.readers.BadFrameException;
import nowcast.ingestion.readers.FrameLocation;

/**
 * Replays archives onto the frames topic in event-time order, several sources interleaved, keeping each
 * frame's observation time and pacing publication with a {@link ReplayClock}. Bad files become dead letters
 * and the replay goes on. With a {@link SentLedger}, frames sent by an earlier run are skipped, so a
 * restarted replay publishes each frame once.
 */
public final class ArchiveReplay {

    private static final Logger LOG = LoggerFactory.getLogger(ArchiveReplay.class);

    private final FrameProducer producer;
    private final DeadLetters deadLetters;
    private final SentLedger ledger;
    private final ReplayClock clock;
    private final ReplayListener listener;
    private final boolean inferCadence;

    /**
     * @param ledger       may be null (no memory across runs)
     * @param inferCadence set each source's cadence to the median step of its archive (the format's nominal
     *                     cadence can be wrong, e.g. 15-minute OPERA composites); false keeps the reader's
     */
    public ArchiveReplay(FrameProducer producer, DeadLetters deadLetters, SentLedger ledger, ReplayClock clock,
                         ReplayListener listener, boolean inferCadence) {
        this.producer = producer;
        this.deadLetters = deadLetters;
        this.ledger = ledger;
        this.clock = clock;
        this.listener = listener == null ? ReplayListener.NONE : listener;
        this.inferCadence = inferCadence;
    }

    /** The frames of all sources between {@code from} and {@code to} (inclusive; null = open), in event-time order. */
    public List<Located> locate(List<ReplaySource> sources, Instant from, Instant to) throws IOException {
        List<Located> all = new ArrayList<>();
        for (ReplaySource source : sources) {
            for (FrameLocation location : source.reader().scan(source.path(), this::rejectedWhileScanning)) {
                if ((from == null || !location.time().isBefore(from)) && (to == null || !location.time().isAfter(to))) {
                    all.add(new Located(source, location));
                }
            }
        }
        all.sort((a, b) -> a.location().compareTo(b.location()));
        return all;
    }

    /** A frame's location with the source it came from. */
    public record Located(ReplaySource source, FrameLocation location) {
    }

    private void rejectedWhileScanning(BadFrameException e) {
        deadLetters.report(e.path(), null, null, e.reason(), e);
    }

    public ReplaySummary run(List<ReplaySource> sources, Instant from, Instant to) throws IOException, InterruptedException {
        long rejectedBefore = deadLetters.count();
        List<Located> frames = locate(sources, from, to);
        Map<String, Duration> cadences = inferCadence ? medianSteps(frames) : Map.of();
        listener.started(frames.size());
        long started = System.nanoTime();
        AtomicLong published = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        AtomicReference<Exception> sendFailure = new AtomicReference<>();
        long alreadySent = 0;
        Instant first = frames.isEmpty() ? null : frames.get(0).location().time();
        Instant last = frames.isEmpty() ? null : frames.get(frames.size() - 1).location().time();
        if (first != null) {
            clock.start(first);
        }
        for (Located located : frames) {
            FrameLocation location = located.location();
            if (ledger != null && ledger.wasSent(location.sourceId(), location.time())) {
                alreadySent++;
                listener.skipped("already sent");
                continue;
            }
            FrameProducer.Prepared prepared;
            try {
                Frame frame = located.source().reader().read(location);
                Duration cadence = cadences.get(location.sourceId());
                if (cadence != null && !cadence.equals(frame.cadence())) {
                    frame = new Frame(frame.sourceId(), frame.time(), cadence, frame.product(), frame.field(),
                            frame.quantisation(), frame.geo(), frame.sourcePath(), frame.attributes());
                }
                prepared = producer.prepare(frame);
            } catch (BadFrameException e) {
                deadLetters.report(e.path(), location.sourceId(), location.time(), e.reason(), e);
                listener.skipped(e.reason());
                continue;
            } catch (FrameTooLargeException e) {
                deadLetters.report(location.path(), location.sourceId(), location.time(), e.getMessage(), e);
                listener.skipped("too large");
                continue;
            } catch (IOException | RuntimeException e) {
                deadLetters.report(location.path(), location.sourceId(), location.time(),
                        "cannot read: " + e.getMessage(), e);
                listener.skipped(e.toString());
                continue;
            }
            clock.awaitEventTime(location.time());
            Frame frame = prepared.frame();
            int size = prepared.value().length;
            producer.send(prepared, error -> {
                if (error != null) {
                    sendFailure.compareAndSet(null, error);
                    LOG.error("frame {} was not acknowledged by the broker: {}", FrameProducer.frameId(frame), error.toString());
                    return;
                }
                published.incrementAndGet();
                bytes.addAndGet(size);
                if (ledger != null) {
                    ledger.recordSent(frame.sourceId(), frame.time());
                }
                listener.published(frame, size);
            });
        }
        producer.flush();
        if (sendFailure.get() != null) {
            throw new IOException("the broker did not acknowledge every frame (" + published.get() + " of the frames sent"
                    + " were); a restart with the same ledger publishes the rest", sendFailure.get());
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        ReplaySummary summary = new ReplaySummary(frames.size(), published.get(), alreadySent,
                deadLetters.count() - rejectedBefore, bytes.get(), elapsed, first, last);
        LOG.info("replay finished: {}", summary);
        return summary;
    }

    private static Map<String, Duration> medianSteps(List<Located> frames) {
        Map<String, List<Instant>> times = new HashMap<>();
        for (Located l : frames) {
            times.computeIfAbsent(l.location().sourceId(), k -> new ArrayList<>()).add(l.location().time());
        }
        Map<String, Duration> out = new HashMap<>();
        times.forEach((source, list) -> {
            List<Long> steps = new ArrayList<>();
            for (int i = 1; i < list.size(); i++) {
                long step = Duration.between(list.get(i - 1), list.get(i)).toMillis();
                if (step > 0) {
                    steps.add(step);
                }
            }
            if (!steps.isEmpty()) {
                steps.sort(null);
                out.put(source, Duration.ofMillis(steps.get(steps.size() / 2)));
            }
        });
        return out;
    }
}
