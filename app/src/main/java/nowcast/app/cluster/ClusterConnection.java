package nowcast.app.cluster;

import java.util.Map;

import picocli.CommandLine.Option;

import nowcast.schemas.Topics;
import nowcast.schemas.client.ClientOverrides;

/**
 * {@code --bootstrap}, {@code --registry} and {@code --topic-prefix}: the Kafka cluster and Schema Registry a
 * service talks to, and its topics; the same options (and {@code NOWCAST_*} variables) for every service.
 * Security and other client settings come from the environment ({@link ClientOverrides}, docs/configuration.md).
 */
public final class ClusterConnection {

    /** Default of every service's {@code --data-dir} (demo, ingest, predict); each keeps its own subfolder in it. */
    public static final String DEFAULT_DATA_DIR = "nowcast-data";

    @Option(names = "--bootstrap", required = true, description = "Kafka bootstrap servers, e.g. 127.0.0.1:9092.")
    String bootstrap;

    @Option(names = "--registry", required = true, description = "Schema Registry URL, e.g. http://127.0.0.1:8081.")
    String registry;

    @Option(names = "--topic-prefix", defaultValue = Topics.DEFAULT_PREFIX,
            description = "Prefix of the topic names (${DEFAULT-VALUE}).")
    String topicPrefix;

    private ClientOverrides overrides;

    public String bootstrap() {
        return bootstrap;
    }

    public String registry() {
        return registry;
    }

    public Topics topics() {
        return Topics.withPrefix(topicPrefix);
    }

    /** The client settings of the environment, read once. */
    public synchronized ClientOverrides overrides() {
        if (overrides == null) {
            overrides = ClientOverrides.fromEnvironment();
        }
        return overrides;
    }

    /** Producer/consumer settings: bootstrap servers, registry URL and the environment's overrides. */
    public Map<String, Object> clientConfig() {
        return overrides().clientConfig(bootstrap, registry);
    }

    /** Settings of the Avro serdes (registry URL and its credentials). */
    public Map<String, Object> serdeConfig() {
        return overrides().serdeConfig(registry);
    }

    /** Settings of admin clients and Kafka Streams: bootstrap servers and the environment's overrides. */
    public Map<String, Object> kafkaConfig() {
        return overrides().kafkaConfig(bootstrap);
    }
}
