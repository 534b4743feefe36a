package nowcast.predictor;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nowcast.forecast.Forecast;
import nowcast.frame.BlockAverage;
import nowcast.frame.Frame;
import nowcast.frame.GridMapping;
import nowcast.frame.PhysicalField;
import nowcast.model.Nowcaster;
import nowcast.model.PersistenceNowcaster;
import nowcast.platform.testing.LocalStack;
import nowcast.schemas.Topics;

/** The KNMI sample archive through the real broker, registry and Avro serdes: one forecast per complete window. */
class PredictorKnmiIT {

    private final LocalStack stack = LocalStack.shared();

    @TempDir
    Path stateDir;

    @Test
    void replayingTheKnmiArchiveGivesExactlyOneForecastPerCompleteWindow() throws Exception {
        KnmiArchive archive = new KnmiArchive();
        assertThat(archive.size()).isEqualTo(KnmiArchive.FRAMES);
        Topics topics = stack.freshTopics(2);
        PredictorConfig config = PredictorStack.config(stack, topics, stack.freshTopic("predictor-knmi"), stateDir)
                .build();
        int windows = KnmiArchive.FRAMES - 9;

        try (Nowcaster model = new PersistenceNowcaster();
             Predictor predictor = Predictor.start(config, PredictorStack.serdes(stack), model, 2);
             CommittedForecasts out = new CommittedForecasts(stack, topics.forecasts())) {
            assertThat(predictor.awaitRunning(Duration.ofSeconds(60))).isTrue();
            try (KafkaProducer<String, Frame> producer = KnmiArchive.producer(stack)) {
                archive.replay(producer, topics.frames(), null, 0, archive.size(), 0);
            }
            out.until(l -> l.size() >= windows, Duration.ofSeconds(120));
            List<Forecast> forecasts = out.settle(Duration.ofSeconds(2));

            assertThat(forecasts).hasSize(windows);
            List<Instant> expectedBases = IntStream.range(9, archive.size())
                    .mapToObj(i -> archive.read(i).time()).toList();
            assertThat(forecasts).extracting(Forecast::baseTime).containsExactlyInAnyOrderElementsOf(expectedBases);

            Frame tenth = archive.read(9);
            Forecast first = forecasts.stream().filter(f -> f.baseTime().equals(tenth.time())).findFirst().orElseThrow();
            GridMapping mapping = GridMapping.centred(765, 700, 128, 128, tenth.quantity());
            assertThat(first.gridMapping()).isEqualTo(mapping);
            assertThat(first.inputTimes()).hasSize(10).last().isEqualTo(tenth.time());
            PhysicalField expected = BlockAverage.apply(tenth.field(), mapping);
            assertThat(first.frames()).hasSize(10);
            assertThat(first.frames().get(0).values()).containsExactly(expected.values());
            assertThat(first.model().name()).isEqualTo(model.identity().name());
            assertThat(first.leadTimes().get(0)).isEqualTo(Duration.ofMinutes(5));
            if (tenth.geo() != null) {
                assertThat(first.geo().pixelSizeX()).isEqualTo(tenth.geo().pixelSizeX() * 5);
            }

            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + predictor.metricsPort();
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("RUNNING");
            String metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(metrics).contains("nowcast_predictor_forecasts_total " + windows + ".0")
                    .contains("nowcast_predictor_windows_completed_total " + windows + ".0")
                    .contains("nowcast_predictor_inference_seconds_bucket")
                    .contains("nowcast_predictor_end_to_end_seconds_count")
                    .contains("kafka_consumer_fetch_manager_records_lag");
        }
    }
}
