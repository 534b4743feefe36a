package nowcast.predictor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nowcast.forecast.Forecast;
import nowcast.frame.Frame;
import nowcast.platform.testing.LocalStack;
import nowcast.schemas.Topics;

/**
 * Exactly once across a crash: the predictor runs in a child JVM that is killed (SIGKILL, no close, no
 * commit) while frames are still arriving, then restarted on the same state directory. The
 * {@code read_committed} output must still hold each of the 83 forecasts exactly once.
 */
class PredictorCrashIT {

    private final LocalStack stack = LocalStack.shared();

    @TempDir
    Path stateDir;

    @Test
    void aPredictorKilledMidStreamAndRestartedStillGivesEachForecastExactlyOnce() throws Exception {
        KnmiArchive archive = new KnmiArchive();
        Topics topics = stack.freshTopics(2);
        String applicationId = stack.freshTopic("predictor-crash");
        int windows = archive.size() - 9;

        try (CommittedForecasts out = new CommittedForecasts(stack, topics.forecasts())) {
            Process first = launch(topics, applicationId, "first");
            Thread replay = new Thread(() -> {
                try (KafkaProducer<String, Frame> producer = KnmiArchive.producer(stack)) {
                    archive.replay(producer, topics.frames(), null, 0, archive.size(), 100);
                }
            }, "knmi-replay");
            replay.start();

            int seenAtKill = out.until(l -> l.size() >= 20, Duration.ofSeconds(120)).size();
            first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            assertThat(seenAtKill).as("forecasts committed before the kill").isBetween(20, windows - 1);

            Process second = launch(topics, applicationId, "second");
            try {
                out.until(l -> l.size() >= windows, Duration.ofSeconds(180));
                replay.join(60_000);
                List<Forecast> forecasts = out.settle(Duration.ofSeconds(5));

                Set<Instant> distinct = new HashSet<>();
                forecasts.forEach(f -> distinct.add(f.baseTime()));
                assertThat(distinct).hasSize(windows);
                assertThat(forecasts).as("forecasts in read_committed output, duplicates included").hasSize(windows);
            } finally {
                second.destroy();
                second.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    private Process launch(Topics topics, String applicationId, String name) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new ProcessBuilder(java.toString(), "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                PredictorProcess.class.getName(), stack.bootstrapServers(), stack.registryUrl(), topics.prefix(),
                applicationId, stateDir.resolve("state").toString())
                .redirectErrorStream(true)
                .redirectOutput(Path.of("target", "predictor-crash-" + name + ".log").toFile())
                .start();
    }
}
