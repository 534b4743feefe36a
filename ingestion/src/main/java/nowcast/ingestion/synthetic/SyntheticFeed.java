package nowcast.ingestion.synthetic;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import nowcast.frame.Frame;
import nowcast.ingestion.producer.FrameProducer;
import nowcast.ingestion.producer.FrameTooLargeException;
import nowcast.ingestion.replay.ReplayClock;
import nowcast.ingestion.replay.ReplayListener;
import nowcast.ingestion.replay.ReplaySummary;

/**
 * Publishes synthetic storms: frame k of every source at {@code start + k x cadence}, paced by a
 * {@link ReplayClock} (real time at speed 1). The embedded demo and the load tests use it.
 */
public final class SyntheticFeed {

    private final SyntheticStorms storms;
    private final FrameProducer producer;
    private final ReplayClock clock;
    private final ReplayListener listener;

    public SyntheticFeed(SyntheticStorms storms, FrameProducer producer, ReplayClock clock, ReplayListener listener) {
        this.storms = storms;
        this.producer = producer;
        this.clock = clock;
        this.listener = listener == null ? ReplayListener.NONE : listener;
    }

    /** Frames {@code first .. first + count - 1} of every source; {@code count < 0} runs until interrupted. */
    public ReplaySummary run(long first, long count) throws IOException, InterruptedException {
        int sources = storms.settings().sources();
        listener.started(count < 0 ? -1 : count * sources);
        long started = System.nanoTime();
        AtomicLong published = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        clock.start(storms.timeOf(first));
        long k = first;
        for (; count < 0 || k < first + count; k++) {
            if (Thread.currentThread().isInterrupted()) {
                break;
            }
            clock.awaitEventTime(storms.timeOf(k));
            for (int s = 0; s < sources; s++) {
                Frame frame = storms.frame(s, k);
                FrameProducer.Prepared prepared;
                try {
                    prepared = producer.prepare(frame);
                } catch (FrameTooLargeException e) {
                    throw new IOException("synthetic grid " + storms.settings().rows() + "x" + storms.settings().cols()
                            + " does not fit the message limit: " + e.getMessage(), e);
                }
                int size = prepared.value().length;
                producer.send(prepared, error -> {
                    if (error != null) {
                        failure.compareAndSet(null, error);
                        return;
                    }
                    published.incrementAndGet();
                    bytes.addAndGet(size);
                    listener.published(frame, size);
                });
            }
            if (failure.get() != null) {
                break;
            }
        }
        producer.flush();
        if (failure.get() != null) {
            throw new IOException("the broker did not acknowledge a synthetic frame: " + failure.get().getMessage(),
                    failure.get());
        }
        long frames = (k - first) * sources;
        return new ReplaySummary(frames, published.get(), 0, 0, bytes.get(),
                Duration.ofNanos(System.nanoTime() - started), storms.timeOf(first), storms.timeOf(Math.max(first, k - 1)));
    }
}
