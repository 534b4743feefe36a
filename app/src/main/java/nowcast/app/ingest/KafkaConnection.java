package nowcast.app.ingest;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;

import picocli.CommandLine;
import picocli.CommandLine.Option;

import nowcast.ingestion.producer.FrameProducer;
import nowcast.ingestion.producer.FrameSizePolicy;
import nowcast.ingestion.producer.ProducerSettings;
import nowcast.schemas.Topics;
import nowcast.schemas.client.ClientOverrides;
import nowcast.schemas.client.ClusterStateDirectory;
import nowcast.schemas.client.TopicCreation;
import nowcast.schemas.serde.NowcastSerdes;

/** Broker, registry, topics and message limit: the options every {@code ingest} command shares. */
final class KafkaConnection {

    /** Default of every service's {@code --data-dir}; each keeps its own subfolder in it. */
    static final String DEFAULT_DATA_DIR = "nowcast-data";

    @Option(names = "--bootstrap", required = true, description = "Kafka bootstrap servers, e.g. 127.0.0.1:9092.")
    String bootstrap;

    @Option(names = "--registry", required = true, description = "Schema Registry URL, e.g. http://127.0.0.1:8081.")
    String registry;

    @Option(names = "--topic-prefix", defaultValue = Topics.DEFAULT_PREFIX,
            description = "Prefix of the topic names (${DEFAULT-VALUE}).")
    String topicPrefix;

    @Option(names = "--partitions", defaultValue = "6",
            description = "Partitions of the frames and dead-letter topics when this command creates them (${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--max-message-bytes", defaultValue = "1048588",
            description = "The broker's message limit that serialised frames must fit (${DEFAULT-VALUE}, Kafka's default).")
    long maxMessageBytes;

    @Option(names = "--size-policy", defaultValue = "reject", paramLabel = "POLICY", converter = SizePolicyText.class,
            description = "For frames over the limit, default for all sources: reject | downsample:ROWSxCOLS | "
                    + "crop:ROW,COL,ROWSxCOLS[/BLOCK] | raise-limit:BYTES (${DEFAULT-VALUE}).")
    String defaultPolicy;

    @Option(names = "--source-size-policy", paramLabel = "SOURCE=POLICY",
            converter = {CommandLine.UseDefaultConverter.class, SizePolicyText.class},
            description = "Size policy of one source (repeatable), e.g. knmi=downsample:255x233.")
    Map<String, String> sourcePolicies = new HashMap<>();

    Topics topics() {
        return Topics.withPrefix(topicPrefix);
    }

    /** Security and other client settings from the environment (docs/configuration.md). */
    final ClientOverrides overrides = ClientOverrides.fromEnvironment();

    Map<String, Object> clientConfig() {
        return overrides.clientConfig(bootstrap, registry);
    }

    ProducerSettings settings() {
        ProducerSettings s = ProducerSettings.of(clientConfig(), topics()).withMaxMessageBytes(maxMessageBytes)
                .withDefaultPolicy(FrameSizePolicy.parse(defaultPolicy));
        for (Map.Entry<String, String> e : sourcePolicies.entrySet()) {
            s = s.withPolicy(e.getKey(), FrameSizePolicy.parse(e.getValue()));
        }
        return s;
    }

    /** Creates the frames and dead-letter topics when they do not exist yet. */
    void ensureTopics() throws InterruptedException {
        Topics t = topics();
        try (Admin admin = Admin.create(overrides.kafkaConfig(bootstrap))) {
            TopicCreation.ensure(admin, TopicCreation.withPartitions(partitions, t.frames(), t.deadLetter()));
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot reach the broker at " + bootstrap + " to check the topics: "
                    + e.getMessage(), e);
        }
    }

    /** This command's state folder for the frames topic on the cluster it talks to: {@code <dataDir>/ingest/<cluster id>/<topic>}. */
    Path stateDirectory(Path dataDir) throws InterruptedException {
        try (Admin admin = Admin.create(overrides.kafkaConfig(bootstrap))) {
            String clusterId = ClusterStateDirectory.clusterId(admin, bootstrap);
            return ClusterStateDirectory.resolve(dataDir.resolve("ingest"), clusterId, topics().frames(), bootstrap);
        }
    }

    FrameProducer producer() {
        Map<String, Object> serde = overrides.serdeConfig(registry);
        return new FrameProducer(settings(), NowcastSerdes.frames(serde).serializer(),
                NowcastSerdes.deadLetters(serde).serializer());
    }
}
