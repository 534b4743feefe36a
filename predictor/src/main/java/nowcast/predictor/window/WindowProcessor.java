package nowcast.predictor.window;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import nowcast.frame.BlockAverage;
import nowcast.frame.Frame;
import nowcast.frame.GridMapping;
import nowcast.frame.PhysicalField;
import nowcast.predictor.deadletter.DeadLetters;
import nowcast.predictor.grid.GridRules;
import nowcast.predictor.metrics.PredictorMetrics;

/**
 * Keeps each source's window: maps the frame to the model grid, applies {@link WindowPolicy}, stores the
 * mapped field and the new state, fills a single gap when allowed, and forwards every window the frame
 * completed (as a {@link PendingWindow}, already recorded in the store) to the batching processor.
 * Late and invalid frames become dead letters.
 */
public final class WindowProcessor implements Processor<String, Frame, String, Object> {

    private final String windowStoreName;
    private final String frameStoreName;
    private final WindowPolicy policy;
    private final GridRules gridRules;
    private final String batchChild;
    private final String deadLetterChild;
    private final PredictorMetrics metrics;
    private final long maxFutureSkewMillis;
    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, SourceWindow> windows;
    private KeyValueStore<Bytes, PhysicalField> fields;

    public WindowProcessor(String windowStoreName, String frameStoreName, WindowPolicy policy, GridRules gridRules,
                           String batchChild, String deadLetterChild, PredictorMetrics metrics,
                           long maxFutureSkewMillis) {
        this.windowStoreName = windowStoreName;
        this.frameStoreName = frameStoreName;
        this.policy = policy;
        this.gridRules = gridRules;
        this.batchChild = batchChild;
        this.deadLetterChild = deadLetterChild;
        this.metrics = metrics;
        this.maxFutureSkewMillis = maxFutureSkewMillis;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.windows = context.getStateStore(windowStoreName);
        this.fields = context.getStateStore(frameStoreName);
    }

    @Override
    public void process(Record<String, Frame> record) {
        Frame frame = record.value();
        String sourceId = frame.sourceId();
        GridMapping mapping;
        PhysicalField mapped;
        try {
            if (!sourceId.equals(record.key())) {
                throw new IllegalArgumentException("record key '" + record.key() + "' is not the frame's source id '"
                        + sourceId + "', so the frame would land in the wrong window partition");
            }
            requireNoInfinity(frame);
            requireNotInTheFuture(frame);
            mapping = gridRules.mappingFor(sourceId, frame.field().rows(), frame.field().cols(), frame.quantity());
            mapped = BlockAverage.apply(frame.field(), mapping);
        } catch (IllegalArgumentException e) {
            deadLetter(record, "invalid frame: " + e.getMessage(), e);
            return;
        }

        long now = context.currentSystemTimeMs();
        long time = frame.time().toEpochMilli();
        SourceWindow state = windows.get(sourceId);
        Admission admission = policy.admit(state, sourceId, time, frame.cadence().toMillis(), frame.product(),
                mapping, frame.geo(), record.timestamp(), now);
        switch (admission.kind()) {
            case DUPLICATE -> metrics.duplicate();
            case LATE -> {
                metrics.late();
                deadLetter(record, "late frame: " + admission.reason(), null);
            }
            case REPLACED_FILL -> {
                metrics.frameAccepted();
                fields.put(FrameKey.of(sourceId, time), mapped);
                windows.put(sourceId, admission.next());
            }
            case ACCEPTED -> accept(record, sourceId, time, mapped, admission);
        }
    }

    private void accept(Record<String, Frame> record, String sourceId, long time, PhysicalField mapped,
                        Admission admission) {
        metrics.frameAccepted();
        if (admission.gapOpened()) {
            metrics.gap();
        }
        if (admission.reset()) {
            metrics.reset();
        }
        fields.put(FrameKey.of(sourceId, time), mapped);
        SourceWindow next = admission.next();
        for (long filled : admission.filledMillis()) {
            fields.put(FrameKey.of(sourceId, filled), interpolate(next, filled));
        }
        metrics.interpolated(admission.filledMillis().size());
        for (long evicted : admission.evictedMillis()) {
            fields.delete(FrameKey.of(sourceId, evicted));
        }
        windows.put(sourceId, next);
        metrics.windowsCompleted(admission.completed().size());
        for (PendingWindow window : admission.completed()) {
            context.forward(record.withValue(window), batchChild);
        }
    }

    /** Linear interpolation in time between the frames either side of {@code t}; NaN where either is NaN. */
    private PhysicalField interpolate(SourceWindow state, long t) {
        List<FrameSlot> slots = state.slots();
        int i = 0;
        while (slots.get(i).timeMillis() != t) {
            i++;
        }
        long before = slots.get(i - 1).timeMillis();
        long after = slots.get(i + 1).timeMillis();
        PhysicalField a = fields.get(FrameKey.of(state.sourceId(), before));
        PhysicalField b = fields.get(FrameKey.of(state.sourceId(), after));
        float w = (float) (t - before) / (after - before);
        float[] values = new float[a.size()];
        for (int k = 0; k < values.length; k++) {
            values[k] = a.values()[k] + w * (b.values()[k] - a.values()[k]);
        }
        return new PhysicalField(a.quantity(), a.rows(), a.cols(), a.channels(), values);
    }

    private static void requireNoInfinity(Frame frame) {
        float[] values = frame.field().values();
        for (int i = 0; i < values.length; i++) {
            if (Float.isInfinite(values[i])) {
                throw new IllegalArgumentException("pixel " + i + " of the " + frame.quantity() + " field is "
                        + values[i] + " (no data must be NaN)");
            }
        }
    }

    /** One frame stamped far ahead would make every correct frame after it late until the window passed it. */
    private void requireNotInTheFuture(Frame frame) {
        Instant limit = Instant.ofEpochMilli(context.currentSystemTimeMs() + maxFutureSkewMillis);
        if (frame.time().isAfter(limit)) {
            throw new IllegalArgumentException("observation time " + frame.time() + " is more than "
                    + Duration.ofMillis(maxFutureSkewMillis) + " ahead of the clock (" + limit + ")");
        }
    }

    private void deadLetter(Record<String, Frame> record, String reason, Exception error) {
        Frame frame = record.value();
        metrics.deadLetter(DeadLetters.WINDOW);
        context.forward(record.withKey(frame.sourceId()).withValue(DeadLetters.of(DeadLetters.WINDOW,
                "source " + frame.sourceId() + " frame " + frame.time() + ": " + reason, error, frame.sourceId(),
                frame.time(), context.recordMetadata(), Instant.ofEpochMilli(context.currentSystemTimeMs()))),
                deadLetterChild);
    }
}
