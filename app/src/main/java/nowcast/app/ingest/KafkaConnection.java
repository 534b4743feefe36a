package nowcast.app.ingest;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;

import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import nowcast.app.cluster.ClusterConnection;
import nowcast.app.cluster.TopicPartitions;
import nowcast.ingestion.producer.FrameProducer;
import nowcast.ingestion.producer.FrameSizePolicy;
import nowcast.ingestion.producer.ProducerSettings;
import nowcast.schemas.Topics;
import nowcast.schemas.client.ClusterStateDirectory;
import nowcast.schemas.client.TopicCreation;
import nowcast.schemas.serde.NowcastSerdes;

/**
 * Broker, registry and topics (the options every service shares), partitions of created topics and the message
 * limit: the options every {@code ingest} command shares.
 */
final class KafkaConnection {

    @Mixin
    ClusterConnection cluster;

    @Mixin
    TopicPartitions partitions;

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
        return cluster.topics();
    }

    Map<String, Object> clientConfig() {
        return cluster.clientConfig();
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
        try (Admin admin = Admin.create(cluster.kafkaConfig())) {
            ensureTopics(admin);
        }
    }

    /**
     * {@link #ensureTopics()}, then this command's state folder for the frames topic on the cluster it talks
     * to: {@code <dataDir>/ingest/<cluster id>/<topic>}; one admin client for both.
     */
    Path ensureTopicsAndStateDirectory(Path dataDir) throws InterruptedException {
        try (Admin admin = Admin.create(cluster.kafkaConfig())) {
            ensureTopics(admin);
            String clusterId = ClusterStateDirectory.clusterId(admin, cluster.bootstrap());
            return ClusterStateDirectory.resolve(dataDir.resolve("ingest"), clusterId, topics().frames(), cluster.bootstrap());
        }
    }

    private void ensureTopics(Admin admin) throws InterruptedException {
        Topics t = topics();
        try {
            TopicCreation.ensure(admin, TopicCreation.withPartitions(partitions.count(), t.frames(), t.deadLetter()));
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot reach the broker at " + cluster.bootstrap() + " to check the topics: "
                    + e.getMessage(), e);
        }
    }

    FrameProducer producer() {
        Map<String, Object> serde = cluster.serdeConfig();
        return new FrameProducer(settings(), NowcastSerdes.frames(serde).serializer(),
                NowcastSerdes.deadLetters(serde).serializer());
    }
}
