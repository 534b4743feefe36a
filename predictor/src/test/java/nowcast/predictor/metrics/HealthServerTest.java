package nowcast.predictor.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

import nowcast.forecast.ModelIdentity;

class HealthServerTest {

    @Test
    void healthAndMetricsNameTheNowcasterAndTheDeviceItRunsOn() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new PredictorMetrics(registry).device("gs2pm", "gpu:0,gpu:1");
        ModelIdentity model = new ModelIdentity("gs2pm", "tiny", "v1", "abc", "gpu:0,gpu:1");
        try (HealthServer server = HealthServer.start("127.0.0.1", 0, registry, () -> KafkaStreams.State.RUNNING, () -> model)) {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/health"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).isEqualTo("{\"status\":\"UP\",\"streams\":\"RUNNING\",\"model\":\"gs2pm\",\"device\":\"gpu:0,gpu:1\"}");
            String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(metrics).contains("nowcast_predictor_device{device=\"gpu:0\",model=\"gs2pm\"} 1.0")
                    .contains("nowcast_predictor_device{device=\"gpu:1\",model=\"gs2pm\"} 1.0");
        }
    }

    @Test
    void aNowcasterWithoutANetworkHasNoDevice() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new PredictorMetrics(registry).device("persistence", null);
        try (HealthServer server = HealthServer.start("127.0.0.1", 0, registry, () -> KafkaStreams.State.PENDING_SHUTDOWN,
                () -> ModelIdentity.baseline("persistence"))) {
            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(health.body()).contains("\"model\":\"persistence\",\"device\":null");
            assertThat(registry.scrape()).contains("nowcast_predictor_device{device=\"none\",model=\"persistence\"} 1.0");
        }
    }
}
