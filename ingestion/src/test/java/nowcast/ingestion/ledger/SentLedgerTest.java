package nowcast.ingestion.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SentLedgerTest {

    @TempDir
    Path dir;

    @Test
    void remembersAcrossRestarts() throws Exception {
        Path file = dir.resolve("state/ledger.txt");
        Instant t = Instant.parse("2024-01-01T00:05:00Z");
        try (SentLedger ledger = SentLedger.open(file)) {
            assertThat(ledger.wasSent("knmi", t)).isFalse();
            ledger.recordSent("knmi", t);
            ledger.recordRejected(dir.resolve("bad.h5"), 10, 1234);
        }
        Files.writeString(file, "garbage line\n", java.nio.file.StandardOpenOption.APPEND);
        try (SentLedger ledger = SentLedger.open(file)) {
            assertThat(ledger.wasSent("knmi", t)).isTrue();
            assertThat(ledger.wasSent("knmi", t.plusSeconds(300))).isFalse();
            assertThat(ledger.wasSent("fmi", t)).isFalse();
            assertThat(ledger.wasRejected(dir.resolve("bad.h5"), 10, 1234)).isTrue();
            // the same file rewritten is a new candidate
            assertThat(ledger.wasRejected(dir.resolve("bad.h5"), 11, 1300)).isFalse();
        }
    }
}
