package nowcast.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import javax.imageio.ImageIO;

import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nowcast.app.CommandRun;
import nowcast.app.TopicRecords;
import nowcast.avro.DeadLetter;
import nowcast.platform.testing.LocalStack;
import nowcast.schemas.Topics;
import nowcast.schemas.serde.NowcastSerdes;

/**
 * {@code --dead-letter-attachment-limit} reaches the letters {@code nowcast ingest replay} writes: a rejected
 * file within the limit travels inside its letter byte for byte, one beyond it is named only; a negative
 * limit is a one-line usage error.
 */
class DeadLetterAttachmentLimitIT {

    private final LocalStack stack = LocalStack.shared();

    @TempDir
    Path tmp;

    @Test
    void theLimitDecidesWhetherTheRejectedFileTravelsWithItsLetter() throws Exception {
        Path archive = Files.createDirectories(tmp.resolve("unica"));
        // UNICA frames are 8-bit grey + alpha PNGs: an RGB image is read and refused
        Path bad = archive.resolve("20180505_1200.png");
        ImageIO.write(new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB), "png", bad.toFile());
        byte[] badBytes = Files.readAllBytes(bad);

        DeadLetter attached = replayOneRejection(archive, Integer.toString(badBytes.length));
        assertThat(attached.getPath()).endsWith("20180505_1200.png");
        assertThat(attached.getOriginalValue()).isEqualTo(ByteBuffer.wrap(badBytes));

        DeadLetter named = replayOneRejection(archive, Integer.toString(badBytes.length - 1));
        assertThat(named.getPath()).endsWith("20180505_1200.png");
        assertThat(named.getReason()).isEqualTo(attached.getReason());
        assertThat(named.getOriginalValue()).isNull();
    }

    @Test
    void aNegativeLimitIsAUsageError() {
        CommandRun run = CommandRun.of("ingest", "replay", "--format", "unica", "--path", tmp.toString(),
                "--bootstrap", stack.bootstrapServers(), "--registry", stack.registryUrl(),
                "--dead-letter-attachment-limit", "-1");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("--dead-letter-attachment-limit must be 0 or more bytes, got -1");
    }

    private DeadLetter replayOneRejection(Path archive, String limit) {
        Topics topics = stack.freshTopics(1);
        CommandRun run = CommandRun.of("ingest", "replay", "--format", "unica", "--path", archive.toString(),
                "--bootstrap", stack.bootstrapServers(), "--registry", stack.registryUrl(),
                "--topic-prefix", topics.prefix(), "--data-dir", tmp.resolve(topics.prefix()).toString(),
                "--as-fast-as-possible", "--dead-letter-attachment-limit", limit);
        assertThat(run.out()).as(run.err()).contains("1 rejected");
        var letters = TopicRecords.read(stack.bootstrapServers(), topics.deadLetter(), 1, Duration.ofSeconds(30),
                Duration.ofMillis(300));
        assertThat(letters).hasSize(1);
        Deserializer<DeadLetter> dead = NowcastSerdes.deadLetters(stack.serdeConfig()).deserializer();
        return dead.deserialize(topics.deadLetter(), letters.get(0).value());
    }
}
