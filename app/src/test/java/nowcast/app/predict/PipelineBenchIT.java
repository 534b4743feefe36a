package nowcast.app.predict;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import nowcast.model.PersistenceNowcaster;
import nowcast.predictor.PredictorConfig;

/** A small pipeline bench end to end: every expected forecast arrives and the figures are sane. */
class PipelineBenchIT {

    @Test
    void aSmallRunReportsEveryForecastAndItsLatency() throws Exception {
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        PipelineBench.Settings settings = new PipelineBench.Settings(3, 12, 0, 2, 128,
                PredictorConfig.builder("127.0.0.1:9092").applicationId("bench-it").maxBatch(4));
        PipelineBench.Result r;
        try (PersistenceNowcaster model = new PersistenceNowcaster()) {
            r = new PipelineBench(settings, model, new PrintStream(progress, true, StandardCharsets.UTF_8)).run();
        }
        assertThat(r.frames()).isEqualTo(36);
        assertThat(r.forecasts()).isEqualTo(9);
        assertThat(r.p50Millis()).isPositive();
        assertThat(r.p99Millis()).isGreaterThanOrEqualTo(r.p50Millis());
        assertThat(r.maxMillis()).isGreaterThanOrEqualTo(r.p99Millis());
        assertThat(r.framesPerSecond()).isPositive();
        assertThat(r.standaloneWindowsPerSecond()).isPositive();
        assertThat(r.meanBatch()).isBetween(1.0, 4.0);
        assertThat(progress.toString(StandardCharsets.UTF_8)).contains("standalone:");
    }

    @Test
    void percentilesFollowTheNearestRankRule() {
        long[] sorted = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        assertThat(PipelineBench.percentile(sorted, 50)).isEqualTo(5);
        assertThat(PipelineBench.percentile(sorted, 95)).isEqualTo(10);
        assertThat(PipelineBench.percentile(new long[] {42}, 99)).isEqualTo(42);
    }
}
