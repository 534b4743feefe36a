package nowcast.predictor.window;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import nowcast.frame.Frame;
import nowcast.predictor.deadletter.DeadLetters;
import nowcast.predictor.metrics.PredictorMetrics;

/**
 * Turns raw frame records into {@link Frame}s. A record that does not decode (bad wire format, unknown
 * schema, a frame that breaks its own invariants, a missing value) becomes a dead letter with its original
 * bytes instead of stopping the stream, which a deserialization exception handler would only log.
 */
public final class FrameDecodeProcessor implements Processor<byte[], byte[], String, Object> {

    private final Deserializer<Frame> deserializer;
    private final String windowChild;
    private final String deadLetterChild;
    private final PredictorMetrics metrics;
    private final int attachmentLimit;
    private ProcessorContext<String, Object> context;

    public FrameDecodeProcessor(Deserializer<Frame> deserializer, String windowChild, String deadLetterChild,
                                PredictorMetrics metrics, int attachmentLimit) {
        this.deserializer = deserializer;
        this.attachmentLimit = attachmentLimit;
        this.windowChild = windowChild;
        this.deadLetterChild = deadLetterChild;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        String topic = context.recordMetadata().map(m -> m.topic()).orElse("frames");
        try {
            if (record.value() == null) {
                throw new IllegalArgumentException("record has no value (tombstone)");
            }
            Frame frame = deserializer.deserialize(topic, record.headers(), record.value());
            if (frame == null) {
                throw new IllegalArgumentException("value decoded to nothing");
            }
            context.forward(record.withKey(key).withValue(frame), windowChild);
        } catch (RuntimeException e) {
            String where = context.recordMetadata().map(m -> m.topic() + "-" + m.partition() + "@" + m.offset())
                    .orElse(topic);
            metrics.deadLetter(DeadLetters.DECODE);
            context.forward(record.withKey(key).withValue(DeadLetters.of(DeadLetters.DECODE,
                    "record " + where + " is not a frame: " + e.getMessage(), e, key, null, context.recordMetadata(),
                    record.key(), record.value(), Instant.ofEpochMilli(context.currentSystemTimeMs()), attachmentLimit)),
                    deadLetterChild);
        }
    }
}
