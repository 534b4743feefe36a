package nowcast.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import nowcast.app.JarProcess;
import nowcast.app.SampleArchive;

/**
 * {@code nowcast demo --archive} with the 2200x1900 OPERA composite and no other option but the pace: every
 * frame fits Kafka's default limit, none is rejected, and the dashboard serves a forecast of the source.
 */
class DemoArchiveIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Generous, for a loaded machine: a quiet 2-core one starts the demo in about 20 s. */
    private static final Duration START = Duration.ofSeconds(300);

    @TempDir
    Path folder;

    @Test
    void theOperaCompositeFlowsThroughTheDemoWithDefaults() throws Exception {
        Path opera = SampleArchive.ALL.stream().filter(a -> a.folder().equals("OPERA/20180824")).findFirst()
                .orElseThrow().path();
        try (JarProcess demo = JarProcess.start(folder, List.of("demo", "--archive", opera.toString(), "--format", "odim",
                "--port", "0", "--speed", "100000"))) {
            String dashboard = demo.awaitLine(l -> l.startsWith("Dashboard: "), START)
                    .substring("Dashboard: ".length()).trim();
            HttpClient http = HttpClient.newHttpClient();
            long deadline = System.nanoTime() + START.plus(Duration.ofSeconds(180)).toNanos();
            JsonNode forecast = null;
            while (forecast == null && System.nanoTime() < deadline && demo.isAlive()) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(dashboard
                        + "api/sources/odim/forecasts/latest")).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    forecast = JSON.readTree(r.body());
                } else {
                    Thread.sleep(1000);
                }
            }
            assertThat(forecast).as("a forecast of the OPERA source; demo output:%n%s", demo.output()).isNotNull();
            assertThat(forecast.path("sourceId").asText()).isEqualTo("odim");
            assertThat(demo.output()).doesNotContain("rejected", "over the message limit", " ERROR ");
            assertThat(demo.stop(Duration.ofSeconds(60))).isEqualTo(143);
        }
    }
}
