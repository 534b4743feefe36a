package nowcast.predictor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nowcast.forecast.Forecast;
import nowcast.frame.Frame;
import nowcast.model.Nowcaster;
import nowcast.model.PersistenceNowcaster;
import nowcast.platform.testing.LocalStack;
import nowcast.schemas.Topics;

/**
 * The forecast commit (docs/predictor.md, "Latency"): with a commit interval of ten minutes, a
 * forecast is still readable by a read_committed consumer well before the interval would commit it,
 * because emitting it asks Kafka Streams for a commit. Without that request this test would wait for
 * the interval and time out.
 */
class PredictorForecastCommitIT {

    private final LocalStack stack = LocalStack.shared();

    @TempDir
    Path stateDir;

    @Test
    void aForecastIsCommittedWhenItIsEmittedNotAtTheCommitInterval() throws Exception {
        KnmiArchive archive = new KnmiArchive();
        Topics topics = stack.freshTopics(1);
        PredictorConfig config = PredictorStack.config(stack, topics, stack.freshTopic("predictor-forecast-commit"), stateDir)
                .commitInterval(Duration.ofMinutes(10)).build();
        assertThat(config.streamsProperties().get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo(600_000L);
        assertThat(config.forecastCommit()).isEqualTo(Duration.ofMillis(PredictorConfig.FORECAST_COMMIT_MS));

        try (Nowcaster model = new PersistenceNowcaster();
             Predictor predictor = Predictor.start(config, PredictorStack.serdes(stack), model, 1);
             CommittedForecasts out = new CommittedForecasts(stack, topics.forecasts())) {
            assertThat(predictor.awaitRunning(Duration.ofSeconds(60))).isTrue();
            try (KafkaProducer<String, Frame> producer = KnmiArchive.producer(stack)) {
                archive.replay(producer, topics.frames(), null, 0, 11, 0); // two complete windows
            }
            List<Forecast> forecasts = out.until(l -> l.size() >= 2, Duration.ofSeconds(90));
            assertThat(forecasts).as("readable long before the 10-minute commit interval").hasSize(2);
            assertThat(out.settle(Duration.ofSeconds(2))).hasSize(2);
        }
    }
}
