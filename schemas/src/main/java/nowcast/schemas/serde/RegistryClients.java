package nowcast.schemas.serde;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import nowcast.schemas.registry.RegistryConfig;
import nowcast.schemas.registry.SchemaRegistryClient;

/** One client (and so one id cache) per registry configuration in the JVM. */
final class RegistryClients {

    private static final Map<RegistryConfig, SchemaRegistryClient> CLIENTS = new ConcurrentHashMap<>();

    private RegistryClients() {
    }

    static SchemaRegistryClient forConfig(RegistryConfig config) {
        return CLIENTS.computeIfAbsent(config, SchemaRegistryClient::new);
    }
}
