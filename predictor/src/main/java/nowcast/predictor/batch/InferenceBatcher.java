package nowcast.predictor.batch;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import nowcast.frame.GeoReference;
import nowcast.frame.PhysicalField;
import nowcast.model.InputWindow;
import nowcast.model.Nowcaster;
import nowcast.predictor.metrics.PredictorMetrics;
import nowcast.predictor.window.PendingWindow;

/**
 * Collects the complete windows of all the tasks of one predictor instance and runs the nowcaster on them
 * in batches (at most {@code maxBatch} windows; a batch runs once it is full or its oldest window has
 * waited {@code maxWaitMillis}).
 *
 * <p>Exactly-once: the batcher only computes. Each prediction is handed back to the task that owns the
 * window ({@link #collect}) and that task emits the forecast and clears the window from its store in the
 * same transaction (a process or punctuate call on its own stream thread). A batch may hold windows of
 * other tasks of this instance; their results wait here until their owner collects them, and are dropped
 * ({@link #forget}) if the owner's task is closed first, in which case the new owner recomputes them from
 * its restored store. Inference runs on the calling stream thread, so one call lasts at most one batch.
 *
 * <p>At most {@code parallelBatches} batches run at once (1 by default, which suits one CPU or GPU: a
 * second stream thread waits for the first batch to finish and then takes everything that queued up
 * meanwhile). With a nowcaster that spreads calls over several GPUs, one batch per GPU runs at a time,
 * each on its own stream thread. A batch is taken from the queue under this object's lock, computed
 * outside it, and its results are handed back under it again; results of a task that closed while
 * they were being computed are dropped like those of {@link #forget}.
 */
public final class InferenceBatcher {

    private static final Logger LOG = LoggerFactory.getLogger(InferenceBatcher.class);

    private record Queued(Object owner, PendingWindow window, InputWindow input, GeoReference geo,
                          long enqueuedAtMillis) {
    }

    private final Nowcaster nowcaster;
    private final int maxBatch;
    private final long maxWaitMillis;
    private final PredictorMetrics metrics;
    private final LinkedHashMap<String, Queued> queue = new LinkedHashMap<>();
    private final Map<Object, List<Prediction>> done = new IdentityHashMap<>();
    /** Tasks that were closed; their owners are processor instances, never reused once closed. */
    private final Set<Object> closed = Collections.newSetFromMap(new WeakHashMap<>());
    private final Semaphore running;

    public InferenceBatcher(Nowcaster nowcaster, int maxBatch, long maxWaitMillis, PredictorMetrics metrics) {
        this(nowcaster, maxBatch, maxWaitMillis, metrics, 1);
    }

    /** @param parallelBatches how many batches may run at once (one per device the nowcaster spreads over) */
    public InferenceBatcher(Nowcaster nowcaster, int maxBatch, long maxWaitMillis, PredictorMetrics metrics,
                            int parallelBatches) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("max batch size must be >= 1, got " + maxBatch);
        }
        if (parallelBatches < 1) {
            throw new IllegalArgumentException("parallel batches must be >= 1, got " + parallelBatches);
        }
        this.nowcaster = nowcaster;
        this.maxBatch = maxBatch;
        this.maxWaitMillis = maxWaitMillis;
        this.metrics = metrics;
        this.running = new Semaphore(parallelBatches, true);
    }

    public Nowcaster nowcaster() {
        return nowcaster;
    }

    public synchronized void enqueue(Object owner, PendingWindow window, InputWindow input, GeoReference geo,
                                     long nowMillis) {
        closed.remove(owner); // an owner that queues again is open again
        queue.putIfAbsent(idOf(window), new Queued(owner, window, input, geo, nowMillis));
        metrics.waiting(queue.size());
    }

    public synchronized boolean full() {
        return queue.size() >= maxBatch;
    }

    /**
     * The finished predictions of {@code owner}'s windows, after running one batch first if the owner has
     * windows waiting and a batch is due.
     */
    public List<Prediction> collect(Object owner, long nowMillis) {
        // only a thread with a batch of its own to run waits for a slot; one with nothing due hands out
        // what it has and goes back to its records
        if (hasDueWindows(owner, nowMillis)) {
            running.acquireUninterruptibly();
            try {
                List<Queued> batch = takeDueBatch(owner, nowMillis);
                if (!batch.isEmpty()) {
                    List<Delivery> results = new ArrayList<>(batch.size());
                    runBatch(batch, nowMillis, results);
                    deliver(results);
                }
            } finally {
                running.release();
            }
        }
        synchronized (this) {
            List<Prediction> mine = done.remove(owner);
            return mine == null ? List.of() : mine;
        }
    }

    /** Drops everything of a task that is closing: its windows stay in its store for the next owner. */
    public synchronized void forget(Object owner) {
        queue.values().removeIf(q -> q.owner() == owner);
        done.remove(owner);
        closed.add(owner);
        metrics.waiting(queue.size());
    }

    /** Whether a stream thread waits for a batch slot, i.e. for another thread's batch to finish. */
    boolean hasWaitingBatches() {
        return running.hasQueuedThreads();
    }

    private record Delivery(Queued queued, Prediction prediction) {
    }

    private synchronized boolean hasDueWindows(Object owner, long nowMillis) {
        return due(nowMillis) && queue.values().stream().anyMatch(q -> q.owner() == owner);
    }

    /** A due batch led by {@code owner}'s windows; empty when another thread took them while this one waited. */
    private synchronized List<Queued> takeDueBatch(Object owner, long nowMillis) {
        if (!hasDueWindows(owner, nowMillis)) {
            return List.of();
        }
        List<Queued> batch = new ArrayList<>(maxBatch);
        take(batch, q -> q.owner() == owner);
        take(batch, q -> q.owner() != owner);
        metrics.waiting(queue.size());
        return batch;
    }

    private synchronized void deliver(List<Delivery> results) {
        for (Delivery d : results) {
            if (!closed.contains(d.queued().owner())) {
                done.computeIfAbsent(d.queued().owner(), o -> new ArrayList<>()).add(d.prediction());
            }
        }
    }

    private boolean due(long nowMillis) {
        if (queue.isEmpty()) {
            return false;
        }
        return queue.size() >= maxBatch || queue.values().iterator().next().enqueuedAtMillis() + maxWaitMillis
                <= nowMillis;
    }

    private void runBatch(List<Queued> batch, long nowMillis, List<Delivery> results) {
        long started = System.nanoTime();
        try {
            Nowcaster.Answer answer = nowcaster.answer(batch.stream().map(Queued::input).toList());
            List<List<PhysicalField>> outputs = answer.frames();
            if (outputs.size() != batch.size()) {
                throw new IllegalStateException("nowcaster " + nowcaster.identity().name() + " returned "
                        + outputs.size() + " forecasts for " + batch.size() + " windows");
            }
            double millis = (System.nanoTime() - started) / 1e6;
            metrics.batch(batch.size(), millis);
            for (int i = 0; i < batch.size(); i++) {
                Queued q = batch.get(i);
                results.add(new Delivery(q, new Prediction(q.window(), q.geo(), checked(outputs.get(i), q),
                        answer.model(), null, nowMillis, millis, batch.size())));
            }
        } catch (RuntimeException e) {
            if (batch.size() > 1) {
                // Predict one by one so that a single bad window does not fail its batch mates.
                LOG.warn("nowcaster failed on a batch of {} windows ({}); retrying them one at a time", batch.size(),
                        e.toString());
                results.clear();
                batch.forEach(q -> results.add(predictAlone(q, nowMillis)));
            } else {
                double millis = (System.nanoTime() - started) / 1e6;
                results.clear();
                results.add(new Delivery(batch.get(0), new Prediction(batch.get(0).window(), batch.get(0).geo(), null,
                        null, e, nowMillis, millis, 1)));
            }
        }
    }

    private Delivery predictAlone(Queued q, long nowMillis) {
        long started = System.nanoTime();
        Prediction p;
        try {
            Nowcaster.Answer answer = nowcaster.answer(List.of(q.input()));
            List<PhysicalField> frames = checked(answer.frames().get(0), q);
            double millis = (System.nanoTime() - started) / 1e6;
            metrics.batch(1, millis);
            p = new Prediction(q.window(), q.geo(), frames, answer.model(), null, nowMillis, millis, 1);
        } catch (RuntimeException e) {
            p = new Prediction(q.window(), q.geo(), null, null, e, nowMillis, (System.nanoTime() - started) / 1e6, 1);
        }
        return new Delivery(q, p);
    }

    private List<PhysicalField> checked(List<PhysicalField> frames, Queued q) {
        if (frames == null || frames.size() != nowcaster.outputFrames()) {
            throw new IllegalStateException("nowcaster " + nowcaster.identity().name() + " returned "
                    + (frames == null ? "nothing" : frames.size() + " frames") + " for window " + idOf(q.window())
                    + ", expected " + nowcaster.outputFrames());
        }
        return frames;
    }

    private void take(List<Queued> batch, Predicate<Queued> which) {
        Iterator<Queued> it = queue.values().iterator();
        while (it.hasNext() && batch.size() < maxBatch) {
            Queued q = it.next();
            if (which.test(q)) {
                batch.add(q);
                it.remove();
            }
        }
    }

    private static String idOf(PendingWindow w) {
        return w.sourceId() + "@" + w.baseTimeMillis();
    }
}
