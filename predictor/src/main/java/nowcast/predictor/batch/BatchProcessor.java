package nowcast.predictor.batch;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import nowcast.forecast.Forecast;
import nowcast.frame.PhysicalField;
import nowcast.model.InputWindow;
import nowcast.predictor.deadletter.DeadLetters;
import nowcast.predictor.metrics.PredictorMetrics;
import nowcast.predictor.window.FrameKey;
import nowcast.predictor.window.PendingWindow;
import nowcast.predictor.window.SourceWindow;

/**
 * Hands the task's complete windows to the shared {@link InferenceBatcher} and emits what comes back:
 * a forecast (or a dead letter) per window, clearing the window from the store in the same call so that
 * both land in the same transaction. Batches run from a wall-clock punctuator every {@code pollMillis},
 * or at once when enough windows wait to fill a batch. On start it re-queues the windows its restored
 * store still holds, which is how a window completed before a crash still gets its forecast.
 *
 * <p>Under exactly-once a forecast is readable only once its transaction commits. With a forecast
 * commit time {@code forecastCommitMillis} >= 0, emitted forecasts make this processor ask Kafka
 * Streams to commit at the end of the stream thread's current loop ({@code context.commit()}) instead
 * of at the next commit interval, but at most once per {@code forecastCommitMillis}: a forecast that
 * comes sooner after the last request gets its commit from a later punctuation. So forecasts wait at
 * most about that long for their commit, and a busy predictor makes at most one extra transaction per
 * that time.
 */
public final class BatchProcessor implements Processor<String, PendingWindow, String, Object> {

    private final String windowStoreName;
    private final String frameStoreName;
    private final InferenceBatcher batcher;
    private final ForecastAssembler assembler;
    private final long pollMillis;
    private final String forecastChild;
    private final String deadLetterChild;
    private final PredictorMetrics metrics;
    private final long forecastCommitMillis;
    private boolean commitPending;
    private long lastCommitRequestMillis = Long.MIN_VALUE / 2;
    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, SourceWindow> windows;
    private KeyValueStore<Bytes, PhysicalField> fields;

    public BatchProcessor(String windowStoreName, String frameStoreName, InferenceBatcher batcher, long pollMillis,
                          String forecastChild, String deadLetterChild, PredictorMetrics metrics,
                          long forecastCommitMillis) {
        this.windowStoreName = windowStoreName;
        this.frameStoreName = frameStoreName;
        this.batcher = batcher;
        this.assembler = new ForecastAssembler();
        this.pollMillis = pollMillis;
        this.forecastChild = forecastChild;
        this.deadLetterChild = deadLetterChild;
        this.metrics = metrics;
        this.forecastCommitMillis = forecastCommitMillis;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.windows = context.getStateStore(windowStoreName);
        this.fields = context.getStateStore(frameStoreName);
        requeueRestoredWindows();
        context.schedule(Duration.ofMillis(pollMillis), PunctuationType.WALL_CLOCK_TIME, this::emitReady);
    }

    @Override
    public void process(Record<String, PendingWindow> record) {
        SourceWindow state = windows.get(record.key());
        enqueue(record.value(), state);
        if (batcher.full()) {
            emitReady(context.currentSystemTimeMs());
        }
    }

    @Override
    public void close() {
        batcher.forget(this);
    }

    private void requeueRestoredWindows() {
        List<SourceWindow> withPending = new ArrayList<>();
        try (KeyValueIterator<String, SourceWindow> all = windows.all()) {
            while (all.hasNext()) {
                KeyValue<String, SourceWindow> entry = all.next();
                if (!entry.value.pending().isEmpty()) {
                    withPending.add(entry.value);
                }
            }
        }
        for (SourceWindow state : withPending) {
            state.pending().forEach(w -> enqueue(w, state));
        }
    }

    private void enqueue(PendingWindow window, SourceWindow state) {
        List<PhysicalField> frames = new ArrayList<>(window.inputTimesMillis().size());
        for (long t : window.inputTimesMillis()) {
            PhysicalField f = fields.get(FrameKey.of(window.sourceId(), t));
            if (f == null) {
                emit(new Prediction(window, null, null, null, new IllegalStateException("input frame "
                        + Instant.ofEpochMilli(t) + " is missing from the frame store"), 0, 0, 0));
                return;
            }
            frames.add(f);
        }
        batcher.enqueue(this, window, new InputWindow(window.sourceId(), frames, Duration.ofMillis(
                window.cadenceMillis())), state == null ? null : state.geo(), context.currentSystemTimeMs());
    }

    private void emitReady(long nowMillis) {
        boolean emitted = false;
        for (Prediction p : batcher.collect(this, nowMillis)) {
            emitted |= emit(p);
        }
        commitPending |= emitted && forecastCommitMillis >= 0;
        if (commitPending && nowMillis - lastCommitRequestMillis >= forecastCommitMillis) {
            context.commit();
            lastCommitRequestMillis = nowMillis;
            commitPending = false;
        }
    }

    /** Forwards the forecast or dead letter of a pending window; false when it was emitted before. */
    private boolean emit(Prediction p) {
        PendingWindow w = p.window();
        SourceWindow state = windows.get(w.sourceId());
        if (state == null || state.pending().stream().noneMatch(x -> x.baseTimeMillis() == w.baseTimeMillis())) {
            return false; // already emitted: its pending entry is gone
        }
        SourceWindow next = state.withoutPending(w.baseTimeMillis());
        Set<Long> stale = new HashSet<>(state.referencedTimes());
        stale.removeAll(next.referencedTimes());
        stale.forEach(t -> fields.delete(FrameKey.of(w.sourceId(), t)));
        windows.put(w.sourceId(), next);

        long now = context.currentSystemTimeMs();
        if (p.failed()) {
            metrics.deadLetter(DeadLetters.NOWCAST);
            context.forward(new Record<>(w.sourceId(), DeadLetters.of(DeadLetters.NOWCAST,
                    "nowcaster " + batcher.nowcaster().identity().name() + " failed on the window of source "
                            + w.sourceId() + " ending " + Instant.ofEpochMilli(w.baseTimeMillis()) + ": "
                            + p.failure().getMessage(), p.failure(), w.sourceId(),
                    Instant.ofEpochMilli(w.baseTimeMillis()), Optional.empty(),
                    Instant.ofEpochMilli(now)), now), deadLetterChild);
            return true;
        }
        Forecast forecast = assembler.assemble(p, now);
        metrics.forecast(forecast.timings().queueMillis(), forecast.timings().endToEndMillis());
        context.forward(new Record<>(w.sourceId(), forecast, now), forecastChild);
        return true;
    }
}
