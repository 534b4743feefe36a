package nowcast.ingestion.readers;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The real sample files in ../shared/data/radar; tests are skipped with a message where they are absent. */
final class SharedRadarData {

    private SharedRadarData() {
    }

    static Path dir(String relative) {
        String shared = System.getProperty("nowcast.shared.dir", "../shared");
        Path p = Path.of(shared, "data", "radar").resolve(relative);
        assumeTrue(Files.exists(p), "sample radar data not found at " + p.toAbsolutePath()
                + " (set -Dnowcast.shared.dir to the shared folder)");
        return p;
    }
}
