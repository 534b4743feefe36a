package nowcast.predictor;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import nowcast.frame.Frame;
import nowcast.ingestion.readers.FrameLocation;
import nowcast.ingestion.readers.FrameReader;
import nowcast.ingestion.readers.FrameReaders;
import nowcast.platform.testing.LocalStack;
import nowcast.schemas.serde.NowcastSerdes;

/** The 92 KNMI 5-minute composites of ../shared/data/radar/KNMI, replayed into a frames topic in time order. */
final class KnmiArchive {

    static final int FRAMES = 92;

    private final FrameReader reader = FrameReaders.byName("knmi");
    private final List<FrameLocation> locations;

    KnmiArchive() {
        String shared = System.getProperty("nowcast.shared.dir");
        Path root = shared == null ? null : Path.of(shared, "data", "radar", "KNMI");
        assumeTrue(root != null && Files.isDirectory(root),
                "KNMI sample archive not found (set -Dnowcast.shared.dir to the folder holding data/radar/KNMI)");
        try {
            locations = reader.scan(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int size() {
        return locations.size();
    }

    Frame read(int i) {
        try {
            return reader.read(locations.get(i));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A producer for frames: a raw KNMI composite is ~1 MB, so requests may be larger and are compressed. */
    static KafkaProducer<String, Frame> producer(LocalStack stack) {
        Map<String, Object> config = new HashMap<>(stack.clientConfig());
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 * 1024 * 1024);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        return new KafkaProducer<>(config, new StringSerializer(),
                NowcastSerdes.frames(stack.serdeConfig()).serializer());
    }

    /** Sends frames {@code from..to-1} under {@code sourceId} (the archive's own id when null), pausing between them. */
    void replay(KafkaProducer<String, Frame> producer, String topic, String sourceId, int from, int to,
                long pauseMillis) {
        for (int i = from; i < to; i++) {
            Frame f = read(i);
            if (sourceId != null) {
                f = new Frame(sourceId, f.time(), f.cadence(), f.product(), f.field(), f.quantisation(), f.geo(),
                        f.sourcePath(), f.attributes());
            }
            producer.send(new ProducerRecord<>(topic, f.sourceId(), f));
            if (pauseMillis > 0) {
                producer.flush();
                try {
                    Thread.sleep(pauseMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        producer.flush();
    }
}
