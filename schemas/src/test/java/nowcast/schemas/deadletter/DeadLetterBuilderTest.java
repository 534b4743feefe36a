package nowcast.schemas.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nowcast.avro.DeadLetter;

class DeadLetterBuilderTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void recordValuesAreAttachedUpToTheLimitAndTheOriginSaysWhereTheRestIs() {
        DeadLetter small = DeadLetterBuilder.of("decode", "not a frame", NOW, 4)
                .error(new IllegalStateException("x")).source("knmi", null).origin("t", 2, 7L)
                .original(new byte[] {9}, new byte[] {1, 2, 3, 4}).build();
        assertThat(small.getOriginalValue().remaining()).isEqualTo(4);
        assertThat(small.getOriginalKey().remaining()).isEqualTo(1);
        assertThat(small.getErrorClass()).isEqualTo(IllegalStateException.class.getName());
        assertThat(small.getTopic()).isEqualTo("t");
        assertThat(small.getPartition()).isEqualTo(2);
        assertThat(small.getOffset()).isEqualTo(7L);
        assertThat(small.getFailedAt()).isEqualTo(NOW);

        DeadLetter large = DeadLetterBuilder.of("decode", "not a frame", NOW, 3)
                .original(null, new byte[] {1, 2, 3, 4}).build();
        assertThat(large.getOriginalValue()).isNull();
        assertThat(large.getOriginalKey()).isNull();
    }

    @Test
    void filesAreAttachedUpToTheLimitAndAlwaysNamed(@TempDir Path dir) throws IOException {
        Path file = Files.write(dir.resolve("frame.h5"), new byte[100]);
        DeadLetter within = DeadLetterBuilder.of("ingestion", "bad", NOW, 100).file(file).build();
        assertThat(within.getPath()).isEqualTo(file.toString());
        assertThat(within.getOriginalValue().remaining()).isEqualTo(100);

        DeadLetter over = DeadLetterBuilder.of("ingestion", "bad", NOW, 99).file(file).build();
        assertThat(over.getPath()).isEqualTo(file.toString());
        assertThat(over.getOriginalValue()).isNull();

        DeadLetter missing = DeadLetterBuilder.of("ingestion", "bad", NOW, 100).file(dir.resolve("gone")).build();
        assertThat(missing.getOriginalValue()).isNull();
    }

    @Test
    void aNegativeLimitIsRefusedAndAReasonIsNeverEmpty() {
        assertThatThrownBy(() -> DeadLetterBuilder.of("sink", "r", NOW, -1)).hasMessageContaining("-1");
        assertThat(DeadLetterBuilder.reasonOf(new IllegalArgumentException())).contains("IllegalArgumentException");
        assertThat(DeadLetterBuilder.reasonOf(new IllegalArgumentException("bad grid"))).isEqualTo("bad grid");
        assertThat(DeadLetterBuilder.DEFAULT_ATTACHMENT_LIMIT).isEqualTo(512 * 1024);
    }
}
