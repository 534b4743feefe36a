package nowcast.training.evaluation;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The catalogue's events ({@link BenchmarkEvents}), each read once per test JVM from the shared sample
 * data; tests that need them are skipped with a message when the data is absent.
 */
final class DevelopmentEvents {

    private static final Map<String, RadarSequence> CACHE = new LinkedHashMap<>();

    private DevelopmentEvents() {
    }

    static Path radarDir() {
        String shared = System.getProperty("nowcast.shared.dir");
        Path dir = shared == null ? null : Path.of(shared, "data", "radar");
        assumeTrue(dir != null && Files.isDirectory(dir),
                "radar sample data not found (expected <nowcast.shared.dir>/data/radar, nowcast.shared.dir="
                        + shared + "); skipping the real-data evaluation tests");
        return dir;
    }

    static BenchmarkEvent event(String name) {
        return BenchmarkEvents.byName(radarDir(), name);
    }

    static synchronized RadarSequence sequence(String name) {
        BenchmarkEvent event = event(name);
        assumeTrue(Files.isDirectory(event.path()), "event folder " + event.path() + " is absent; skipping");
        return CACHE.computeIfAbsent(name, n -> {
            try {
                return event.sequence((done, total) -> { });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
