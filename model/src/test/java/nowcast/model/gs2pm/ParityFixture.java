package nowcast.model.gs2pm;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;

/** Locates ../shared/fixtures/gs2pm-small (made by the official PyTorch code), or skips the test. */
final class ParityFixture {

    private ParityFixture() {
    }

    static Path dir() {
        String shared = System.getProperty("nowcast.shared.dir");
        Path dir = shared == null ? null : Path.of(shared, "fixtures", "gs2pm-small");
        Assumptions.assumeTrue(dir != null && Files.isRegularFile(dir.resolve("state_dict.npz")),
                "parity fixture not found (set -Dnowcast.shared.dir to the shared folder holding fixtures/gs2pm-small); got " + dir);
        return dir;
    }
}
