package nowcast.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nowcast.model.PersistenceNowcaster;
import nowcast.platform.broker.EmbeddedKafkaBroker;
import nowcast.platform.registry.EmbeddedSchemaRegistry;
import nowcast.predictor.Predictor;
import nowcast.predictor.PredictorConfig;
import nowcast.predictor.PredictorSerdes;
import nowcast.schemas.Topics;
import nowcast.schemas.serde.NowcastSerdes;

/**
 * Two clusters, one working folder: local state belongs to the cluster it describes. The KNMI archive replayed
 * into cluster A and then into a new cluster B arrives whole in both, and a second replay into A publishes
 * nothing; a predictor run against A and then against B from the same data directory forecasts every window
 * of both, and started against A again it resumes without a duplicate.
 */
class ClusterStateIT {

    private static final int KNMI_FRAMES = 92;
    private static final int KNMI_FORECASTS = 83;

    @TempDir
    Path tmp;

    private EmbeddedKafkaBroker brokerA;
    private EmbeddedKafkaBroker brokerB;
    private EmbeddedSchemaRegistry registryA;
    private EmbeddedSchemaRegistry registryB;

    @BeforeEach
    void twoClusters() {
        brokerA = EmbeddedKafkaBroker.start(tmp.resolve("cluster-a"), 0);
        registryA = EmbeddedSchemaRegistry.start(0, brokerA.bootstrapServers());
        brokerB = EmbeddedKafkaBroker.start(tmp.resolve("cluster-b"), 0);
        registryB = EmbeddedSchemaRegistry.start(0, brokerB.bootstrapServers());
    }

    @AfterEach
    void stop() {
        for (AutoCloseable c : new AutoCloseable[] {registryA, brokerA, registryB, brokerB}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // the temporary folder goes anyway
            }
        }
    }

    @Test
    void replayAndPredictorKeepTheirStatePerCluster() throws Exception {
        assertThat(brokerA.clusterId()).isNotEqualTo(brokerB.clusterId());
        Path knmi = SampleArchive.ALL.get(0).path();
        Path dataDir = tmp.resolve("work/nowcast-data");

        assertThat(replay(knmi, brokerA, registryA, dataDir)).contains(KNMI_FRAMES + " published");
        assertThat(replay(knmi, brokerB, registryB, dataDir)).as("a new cluster gets every frame")
                .contains(KNMI_FRAMES + " published");
        assertThat(replay(knmi, brokerA, registryA, dataDir)).contains("0 published", KNMI_FRAMES + " already sent before");
        for (EmbeddedKafkaBroker broker : List.of(brokerA, brokerB)) {
            assertThat(TopicRecords.read(broker.bootstrapServers(), Topics.defaults().frames(), KNMI_FRAMES,
                    Duration.ofSeconds(60), Duration.ofSeconds(1))).as("frames topic of " + broker.clusterId())
                    .hasSize(KNMI_FRAMES);
        }

        Path predictorDir = dataDir.resolve("predictor");
        predict(brokerA, registryA, predictorDir);
        assertThat(Files.isDirectory(predictorDir.resolve(brokerB.clusterId()))).as("B has no state yet").isFalse();
        predict(brokerB, registryB, predictorDir);
        predict(brokerA, registryA, predictorDir);
        assertThat(predictorDir.toFile().list()).containsExactlyInAnyOrder(brokerA.clusterId(), brokerB.clusterId());
    }

    private static String replay(Path knmi, EmbeddedKafkaBroker broker, EmbeddedSchemaRegistry registry, Path dataDir) {
        CommandRun run = CommandRun.of("ingest", "replay", "--format", "knmi", "--path", knmi.toString(), "--bootstrap",
                broker.bootstrapServers(), "--registry", registry.url(), "--data-dir", dataDir.toString(),
                "--as-fast-as-possible");
        assertThat(run.code()).as(run.out() + run.err()).isZero();
        return run.out();
    }

    /** Runs the predictor until the cluster's forecasts topic holds every KNMI forecast, and checks there are no more. */
    private static void predict(EmbeddedKafkaBroker broker, EmbeddedSchemaRegistry registry, Path stateDir)
            throws InterruptedException {
        Map<String, Object> serde = NowcastSerdes.config(registry.url());
        PredictorConfig config = PredictorConfig.builder(broker.bootstrapServers()).applicationId("nowcast-predictor")
                .topics(Topics.defaults()).stateDir(stateDir).metricsPort(-1).sessionTimeout(Duration.ofSeconds(6))
                .build();
        try (PersistenceNowcaster nowcaster = new PersistenceNowcaster();
             Predictor predictor = Predictor.start(config, new PredictorSerdes(NowcastSerdes.frames(serde),
                     NowcastSerdes.forecasts(serde), NowcastSerdes.deadLetters(serde)), nowcaster, 6)) {
            assertThat(predictor.awaitRunning(Duration.ofSeconds(120))).isTrue();
            assertThat(TopicRecords.read(broker.bootstrapServers(), Topics.defaults().forecasts(), KNMI_FORECASTS,
                    Duration.ofSeconds(180), Duration.ofSeconds(3))).as("forecasts of cluster " + broker.clusterId())
                    .hasSize(KNMI_FORECASTS);
        }
    }
}
