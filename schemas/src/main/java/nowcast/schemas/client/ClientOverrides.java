package nowcast.schemas.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import org.apache.kafka.clients.CommonClientConfigs;

import nowcast.schemas.registry.RegistryConfig;

/**
 * Settings that every service passes to every Kafka client it creates (producers, consumers, Streams,
 * admin clients, the registry's own clients) and to every Schema Registry client: how to reach a secured
 * cluster (SASL, TLS) without one option per command. Read from the environment, in this order (later wins):
 * <ol>
 * <li>{@value #FILE_VARIABLE}: a Kafka client properties file, e.g. {@code security.protocol=SASL_SSL};</li>
 * <li>{@code NOWCAST_KAFKA_<KEY>}: one Kafka client property, the key upper-cased with dots as
 * underscores, e.g. {@code NOWCAST_KAFKA_SECURITY_PROTOCOL=SSL} for {@code security.protocol};</li>
 * <li>{@value #REGISTRY_USER_INFO_VARIABLE}: {@code user:password} for the Schema Registry's HTTP basic
 * auth (the registry server requires it, the clients send it).</li>
 * </ol>
 * {@code bootstrap.servers} cannot be set here: it is each command's {@code --bootstrap}.
 */
public record ClientOverrides(Map<String, String> kafka, String registryUserInfo) {

    public static final String FILE_VARIABLE = "NOWCAST_KAFKA_CONFIG";
    public static final String PROPERTY_PREFIX = "NOWCAST_KAFKA_";
    public static final String REGISTRY_USER_INFO_VARIABLE = "NOWCAST_REGISTRY_USER_INFO";

    public ClientOverrides {
        kafka = Map.copyOf(kafka);
        if (kafka.containsKey(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)) {
            throw new IllegalArgumentException("bootstrap.servers cannot be a client override; use --bootstrap");
        }
        if (registryUserInfo != null && registryUserInfo.isBlank()) {
            registryUserInfo = null;
        }
        if (registryUserInfo != null && !registryUserInfo.contains(":")) {
            throw new IllegalArgumentException(REGISTRY_USER_INFO_VARIABLE + " must be user:password");
        }
    }

    public static ClientOverrides none() {
        return new ClientOverrides(Map.of(), null);
    }

    /** The overrides the process environment asks for (see the class comment). */
    public static ClientOverrides fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    public static ClientOverrides fromEnvironment(Map<String, String> environment) {
        Map<String, String> kafka = new TreeMap<>();
        String file = environment.get(FILE_VARIABLE);
        if (file != null && !file.isBlank()) {
            Properties p = new Properties();
            try (InputStream in = Files.newInputStream(Path.of(file))) {
                p.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(FILE_VARIABLE + " names " + file + ", which cannot be read: "
                        + e.getMessage(), e);
            }
            p.stringPropertyNames().forEach(k -> kafka.put(k, p.getProperty(k)));
        }
        environment.forEach((name, value) -> {
            if (name.startsWith(PROPERTY_PREFIX) && !name.equals(FILE_VARIABLE) && value != null) {
                kafka.put(propertyOf(name), value);
            }
        });
        return new ClientOverrides(kafka, environment.get(REGISTRY_USER_INFO_VARIABLE));
    }

    /** {@code NOWCAST_KAFKA_SSL_TRUSTSTORE_LOCATION} -> {@code ssl.truststore.location}. */
    static String propertyOf(String variable) {
        return variable.substring(PROPERTY_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
    }

    public boolean isEmpty() {
        return kafka.isEmpty() && registryUserInfo == null;
    }

    /** A Kafka client config: {@code bootstrap.servers} plus the overrides. */
    public Map<String, Object> kafkaConfig(String bootstrap) {
        Map<String, Object> m = new HashMap<>(kafka);
        m.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return m;
    }

    /** A serde config ({@link RegistryConfig} keys) for the registry at {@code url}, with basic auth if set. */
    public Map<String, Object> serdeConfig(String url) {
        return new RegistryConfig(RegistryConfig.of(url).urls(), registryUserInfo, null, true).toMap();
    }

    /** {@link #kafkaConfig} and {@link #serdeConfig} in one map, for clients that carry their serdes' config. */
    public Map<String, Object> clientConfig(String bootstrap, String registryUrl) {
        Map<String, Object> m = kafkaConfig(bootstrap);
        m.putAll(serdeConfig(registryUrl));
        return m;
    }

    /** Adds the Kafka overrides to {@code config} (they win over what is there) and returns it. */
    public Map<String, Object> applyTo(Map<String, Object> config) {
        config.putAll(kafka);
        return config;
    }

    /** Adds the Kafka overrides to Java properties (they win over what is there) and returns them. */
    public Properties applyTo(Properties config) {
        config.putAll(kafka);
        return config;
    }

    @Override
    public String toString() {
        // values may be secrets (sasl.jaas.config, passwords): show keys only
        return "ClientOverrides[kafka keys=" + kafka.keySet() + ", registry auth="
                + (registryUserInfo == null ? "none" : "basic") + "]";
    }
}
