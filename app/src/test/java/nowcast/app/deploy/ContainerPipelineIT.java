package nowcast.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.kafka.KafkaContainer;

import nowcast.ingestion.producer.FrameProducer;
import nowcast.ingestion.producer.ProducerSettings;
import nowcast.ingestion.replay.ReplayClock;
import nowcast.ingestion.replay.ReplayListener;
import nowcast.ingestion.synthetic.StormSettings;
import nowcast.ingestion.synthetic.SyntheticFeed;
import nowcast.ingestion.synthetic.SyntheticStorms;
import nowcast.model.Nowcaster;
import nowcast.model.Nowcasters;
import nowcast.platform.broker.EmbeddedKafkaBroker;
import nowcast.predictor.Predictor;
import nowcast.predictor.PredictorConfig;
import nowcast.predictor.PredictorSerdes;
import nowcast.schemas.Topics;
import nowcast.schemas.client.ClientOverrides;
import nowcast.schemas.serde.NowcastSerdes;
import nowcast.sink.SinkService;
import nowcast.sink.store.ForecastStore;
import nowcast.sink.store.ForecastStores;
import nowcast.sink.web.DashboardServer;

/**
 * The pipeline on real containers: the official Apache Kafka image as the cluster and the Confluent
 * Schema Registry image as the registry, with ingest, predictor and sink (the services' own classes)
 * against them; a forecast must be stored and served by the dashboard API. Runs only where a Docker
 * daemon is reachable; images can be overridden with {@code -Dnowcast.it.kafka-image=...} and
 * {@code -Dnowcast.it.registry-image=...} (the ones docker/compose.yaml uses by default).
 */
class ContainerPipelineIT {

    static final String KAFKA_IMAGE = System.getProperty("nowcast.it.kafka-image", "apache/kafka:4.1.0");
    static final String REGISTRY_IMAGE = System.getProperty("nowcast.it.registry-image",
            "confluentinc/cp-schema-registry:8.0.0");

    @TempDir
    Path dir;

    @Test
    void forecastIsStoredAndServedWithKafkaAndRegistryInContainers() throws Exception {
        Assumptions.assumeTrue(dockerAvailable(), "skipped: no Docker daemon is reachable, so the pipeline cannot "
                + "run on the " + KAFKA_IMAGE + " and " + REGISTRY_IMAGE + " containers");
        try (Network network = Network.newNetwork();
             KafkaContainer kafka = new KafkaContainer(KAFKA_IMAGE).withNetwork(network).withListener("kafka:19092");
             GenericContainer<?> registry = new GenericContainer<>(REGISTRY_IMAGE).withNetwork(network)
                     .withExposedPorts(8081)
                     .withEnv("SCHEMA_REGISTRY_HOST_NAME", "schema-registry")
                     .withEnv("SCHEMA_REGISTRY_LISTENERS", "http://0.0.0.0:8081")
                     .withEnv("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS", "PLAINTEXT://kafka:19092")
                     .waitingFor(Wait.forHttp("/subjects").forStatusCode(200))) {
            kafka.start();
            registry.dependsOn(kafka);
            registry.start();
            runPipeline(kafka.getBootstrapServers(), "http://" + registry.getHost() + ":" + registry.getMappedPort(8081));
        }
    }

    private void runPipeline(String bootstrap, String registryUrl) throws Exception {
        Topics topics = Topics.defaults();
        ClientOverrides client = ClientOverrides.none();
        try (Admin admin = Admin.create(client.kafkaConfig(bootstrap))) {
            admin.createTopics(Stream.of(topics.frames(), topics.forecasts(), topics.scores(), topics.deadLetter())
                    .map(t -> new NewTopic(t, 2, (short) 1)).toList()).all().get(60, TimeUnit.SECONDS);
        }
        Map<String, Object> serde = client.serdeConfig(registryUrl);
        int port = EmbeddedKafkaBroker.freePort();
        try (Nowcaster nowcaster = Nowcasters.byName("extrapolation");
             Predictor predictor = Predictor.start(PredictorConfig.builder(bootstrap).topics(topics)
                     .stateDir(dir.resolve("predictor")).metricsPort(-1).maxBatch(2).build(),
                     new PredictorSerdes(NowcastSerdes.frames(serde), NowcastSerdes.forecasts(serde),
                             NowcastSerdes.deadLetters(serde)), nowcaster, 2);
             ForecastStore store = ForecastStores.open(dir.resolve("forecasts").toString(),
                     new ForecastStores.S3Settings(null, null, null, null));
             SinkService sink = new SinkService(new SinkService.Settings(bootstrap, registryUrl, topics, "it-sink",
                     DashboardServer.Settings.localhost(port), Duration.ofDays(1), Duration.ofMinutes(10), 100,
                     client), store)) {
            assertThat(predictor.awaitRunning(Duration.ofSeconds(120))).as("predictor running").isTrue();
            Thread sinkThread = new Thread(sink::run, "it-sink");
            sinkThread.start();
            StormSettings storms = StormSettings.defaults().withSources(2)
                    .withStart(Instant.parse("2024-06-01T00:00:00Z"));
            try (FrameProducer producer = new FrameProducer(ProducerSettings.of(client.clientConfig(bootstrap,
                    registryUrl), topics), NowcastSerdes.frames(serde).serializer(),
                    NowcastSerdes.deadLetters(serde).serializer())) {
                new SyntheticFeed(new SyntheticStorms(storms), producer, ReplayClock.asFastAsPossible(),
                        ReplayListener.NONE).run(0, 12);
            }
            String latest = awaitLatestForecast("http://127.0.0.1:" + port, "synthetic-000");
            assertThat(latest).contains("synthetic-000");
            try (Stream<Path> files = Files.walk(dir.resolve("forecasts"))) {
                assertThat(files.filter(p -> p.getFileName().toString().equals("forecast.json")).count())
                        .isPositive();
            }
        }
    }

    private static String awaitLatestForecast(String base, String source) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                        URI.create(base + "/api/sources/" + source + "/forecasts/latest")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return r.body();
                }
            } catch (java.io.IOException notYetListening) {
                // the dashboard starts with the sink's consumer loop
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no forecast of " + source + " served at " + base + " within 120 s; sources: "
                + List.of(source));
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | Error e) {
            return false;
        }
    }
}
