package nowcast.ingestion.producer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Future;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

import nowcast.avro.DeadLetter;
import nowcast.frame.ExactQuantisation;
import nowcast.frame.Frame;

/**
 * Publishes frames to the frames topic, keyed by source id, as Avro in the Confluent wire format:
 * idempotent, {@code acks=all}. Frames are serialised here (not inside the Kafka producer) so that
 * their size is known before sending and an oversized frame is handled by its source's
 * {@link FrameSizePolicy} instead of failing inside the client. The size that counts is the record's:
 * pixels travel Zstandard-compressed (the codec named in the record), and float32 fields on a uniform
 * value grid as exact 8/16-bit integers ({@link ExactQuantisation}), so national composites fit Kafka's
 * default 1 MB limit. Every record carries the header
 * {@value #FRAME_ID_HEADER} = {@code <source id>@<observation time>}, the identity downstream consumers
 * use to drop duplicates after a restarted replay.
 */
public final class FrameProducer implements AutoCloseable {

    public static final String FRAME_ID_HEADER = "nowcast.frame.id";

    private final ProducerSettings settings;
    private final Serializer<Frame> frames;
    private final Serializer<DeadLetter> deadLetters;
    private final Producer<String, byte[]> producer;

    public FrameProducer(ProducerSettings settings, Serializer<Frame> frames, Serializer<DeadLetter> deadLetters) {
        this.settings = settings;
        this.frames = frames;
        this.deadLetters = deadLetters;
        this.producer = new KafkaProducer<>(producerConfig(settings), new StringSerializer(), new ByteArraySerializer());
    }

    /** The client configuration: the settings' map with the reliability settings forced on. */
    public static Map<String, Object> producerConfig(ProducerSettings settings) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        config.putAll(settings.clientConfig());
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        // The pixels are already Zstandard-compressed in the record (RasterCompression); a second zstd pass over
        // the batch would cost the publishing thread as much again for a few bytes of metadata. lz4 is nearly free.
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        // headroom for the record overhead on top of the largest value a source may send
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, (int) Math.min(Integer.MAX_VALUE, settings.largestRequest() + 64 * 1024));
        return config;
    }

    public ProducerSettings settings() {
        return settings;
    }

    /** A frame ready to send: the (possibly resampled) frame and its serialised bytes. */
    public record Prepared(Frame frame, byte[] value) {
    }

    /**
     * Applies the source's size policy and serialises; {@link FrameTooLargeException} when the frame still
     * exceeds the limit (nothing is sent then: the caller reports it as a dead letter).
     */
    public Prepared prepare(Frame frame) throws FrameTooLargeException {
        FrameSizePolicy policy = settings.policyFor(frame.sourceId());
        Frame shaped = ExactQuantisation.compact(policy.apply(frame));
        byte[] value = frames.serialize(settings.topics().frames(), shaped);
        long limit = policy.mode() == FrameSizePolicy.Mode.RAISE_LIMIT ? policy.limitBytes() : settings.maxMessageBytes();
        if (value.length > limit) {
            throw new FrameTooLargeException(frame.sourceId(), value.length, limit);
        }
        return new Prepared(shaped, value);
    }

    public Future<RecordMetadata> send(Prepared prepared) {
        return send(prepared, error -> { });
    }

    /** Sends asynchronously; {@code done} gets null once the broker acknowledged, else the error. */
    public Future<RecordMetadata> send(Prepared prepared, java.util.function.Consumer<Exception> done) {
        Frame f = prepared.frame();
        RecordHeaders headers = new RecordHeaders();
        headers.add(FRAME_ID_HEADER, frameId(f).getBytes(StandardCharsets.UTF_8));
        return producer.send(new ProducerRecord<>(settings.topics().frames(), null, f.sourceId(), prepared.value(), headers),
                (metadata, error) -> done.accept(error));
    }

    public static String frameId(Frame frame) {
        return frame.sourceId() + "@" + frame.time();
    }

    public Future<RecordMetadata> sendDeadLetter(String key, DeadLetter letter) {
        byte[] value = deadLetters.serialize(settings.topics().deadLetter(), letter);
        return producer.send(new ProducerRecord<>(settings.topics().deadLetter(), key, value));
    }

    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(30));
    }
}
