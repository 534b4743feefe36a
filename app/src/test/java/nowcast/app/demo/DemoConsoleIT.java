package nowcast.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import nowcast.app.JarProcess;

/**
 * A first {@code nowcast demo} as a new user starts it: {@code java -jar .../nowcast.jar demo} in an empty folder
 * that is not the repository. It runs the shipped GS2PM model, serves a forecast made by it, and its first
 * 60 s of console output hold no ERROR, no exception and no WARN that is not on the short list below
 * (each there because it asks the user to do something).
 */
class DemoConsoleIT {

    /** WARN lines a first run may print, each a request to the user. */
    private static final List<Pattern> EXPECTED_WARNINGS = List.of(
            // Kafka Streams, when the data folder is under the system's temporary directory (as a test's is)
            Pattern.compile("Using an OS temp directory in the state.dir property"),
            // started without jemalloc (bin/nowcast preloads it where Debian's libjemalloc2 is installed)
            Pattern.compile("GS2PM runs on the CPU with the C library's malloc"));
    private static final Duration CAPTURED = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Generous, for a loaded machine: a quiet 2-core one starts the demo in about 20 s. */
    private static final Duration START = Duration.ofSeconds(300);

    @TempDir
    Path folder;

    @Test
    void aFirstDemoFromAnyFolderRunsTheShippedModelQuietlyAndServesItsForecast() throws Exception {
        long started = System.nanoTime();
        try (JarProcess demo = JarProcess.startWithLauncher(folder, List.of("demo", "--port", "0"))) {
            String dashboard = demo.awaitLine(l -> l.startsWith("Dashboard: "), START)
                    .substring("Dashboard: ".length()).trim();
            assertThat(demo.output()).contains("nowcast demo running with gs2pm");
            JsonNode forecast = awaitForecast(demo, dashboard, started + START.plus(Duration.ofSeconds(120)).toNanos());
            assertThat(forecast.path("model").asText()).as("the forecast's model").isEqualTo("gs2pm");

            long left = started + CAPTURED.toNanos() - System.nanoTime();
            if (left > 0) {
                Thread.sleep(left / 1_000_000);
            }
            List<String> unexpected = new ArrayList<>();
            for (String line : demo.output().split("\n")) {
                boolean bad = line.contains(" ERROR ") || line.contains("Exception") || line.startsWith("[W")
                        || line.startsWith("[E") || line.contains(" WARN ")
                        && EXPECTED_WARNINGS.stream().noneMatch(p -> p.matcher(line).find());
                if (bad) {
                    unexpected.add(line);
                }
            }
            assertThat(unexpected).as("console lines of the first %d s:%n%s", CAPTURED.toSeconds(), demo.output())
                    .isEmpty();
            assertThat(demo.stop(Duration.ofSeconds(60))).isEqualTo(143);
            assertThat(demo.output()).contains("demo stopped in");
        }
        assertThat(Files.isDirectory(folder.resolve("nowcast-data/kafka"))).as("state in the working folder").isTrue();
    }

    /** The latest forecast of the first source that has one, as the dashboard API serves it. */
    private static JsonNode awaitForecast(JarProcess demo, String dashboard, long deadline) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        while (System.nanoTime() < deadline && demo.isAlive()) {
            JsonNode sources = JSON.readTree(get(http, dashboard + "api/sources")).path("sources");
            for (JsonNode s : sources) {
                if (!s.path("lastForecastBaseTime").isMissingNode() && !s.path("lastForecastBaseTime").isNull()) {
                    return JSON.readTree(get(http, dashboard + "api/sources/" + s.path("id").asText()
                            + "/forecasts/latest"));
                }
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("no forecast served at " + dashboard + "; demo output:\n" + demo.output());
    }

    private static String get(HttpClient http, String url) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new AssertionError(url + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }
}
