package nowcast.app.platform;

import java.util.concurrent.Callable;
import nowcast.platform.registry.EmbeddedSchemaRegistry;
import nowcast.schemas.client.ClientOverrides;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code nowcast registry}: a Confluent-API schema registry storing schemas in Kafka. */
@Command(name = "registry", mixinStandardHelpOptions = true,
        description = {"Runs a schema registry speaking the Confluent REST API until Ctrl-C / SIGTERM.",
                "Schemas are kept in a compacted Kafka topic, so ids survive restarts and several registries agree.",
                "Set NOWCAST_REGISTRY_USER_INFO=user:password to require HTTP basic auth;",
                "NOWCAST_KAFKA_CONFIG / NOWCAST_KAFKA_* configure its Kafka clients (docs/configuration.md)."})
public final class RegistryCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "8081", description = "HTTP port (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--bootstrap", defaultValue = "127.0.0.1:9092", description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
    String bootstrap;

    @Option(names = "--topic", defaultValue = EmbeddedSchemaRegistry.DEFAULT_TOPIC, description = "Schema topic (default: ${DEFAULT-VALUE}).")
    String topic;

    @Override
    public Integer call() throws Exception {
        ClientOverrides overrides = ClientOverrides.fromEnvironment();
        EmbeddedSchemaRegistry registry;
        try {
            registry = EmbeddedSchemaRegistry.start(host, port, bootstrap, topic, overrides.registryUserInfo(),
                    overrides.kafka());
        } catch (IllegalStateException e) {
            System.err.println("nowcast registry: " + e.getMessage());
            return 1;
        }
        System.out.println("Schema registry ready: schema.registry.url=" + registry.url() + " (topic " + topic
                + " on " + bootstrap + "). Ctrl-C to stop.");
        UntilStopped.await(registry, "registry");
        return 0;
    }
}
