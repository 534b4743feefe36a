package nowcast.schemas.registry;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Where the Schema Registry is and how to talk to it. Read from the same keys as Confluent's
 * clients, so one Kafka/Streams config map serves both:
 *
 * <table>
 * <tr><th>key</th><th>default</th><th>meaning</th></tr>
 * <tr><td>{@code schema.registry.url}</td><td>(required)</td><td>comma-separated base URLs, tried in turn</td></tr>
 * <tr><td>{@code basic.auth.credentials.source}</td><td>{@code USER_INFO} when user info is set</td><td>only USER_INFO is supported</td></tr>
 * <tr><td>{@code basic.auth.user.info} (or {@code schema.registry.basic.auth.user.info})</td><td>none</td><td>{@code user:password} for HTTP basic auth</td></tr>
 * <tr><td>{@code schema.registry.request.timeout.ms}</td><td>10000</td><td>connect and request timeout</td></tr>
 * <tr><td>{@code auto.register.schemas}</td><td>true</td><td>serializers register their schema; false: look it up only</td></tr>
 * </table>
 */
public record RegistryConfig(List<String> urls, String userInfo, Duration timeout, boolean autoRegister) {

    public static final String URL = "schema.registry.url";
    public static final String CREDENTIALS_SOURCE = "basic.auth.credentials.source";
    public static final String USER_INFO = "basic.auth.user.info";
    public static final String PREFIXED_USER_INFO = "schema.registry.basic.auth.user.info";
    public static final String TIMEOUT_MS = "schema.registry.request.timeout.ms";
    public static final String AUTO_REGISTER = "auto.register.schemas";

    public RegistryConfig {
        if (urls == null || urls.isEmpty()) {
            throw new IllegalArgumentException("no schema registry URL: set '" + URL + "'");
        }
        for (String u : urls) {
            if (!u.startsWith("http://") && !u.startsWith("https://")) {
                throw new IllegalArgumentException("'" + URL + "' must be http(s) URLs, got '" + u + "'");
            }
        }
        urls = urls.stream().map(u -> u.endsWith("/") ? u.substring(0, u.length() - 1) : u).toList();
        if (userInfo != null && !userInfo.contains(":")) {
            throw new IllegalArgumentException("'" + USER_INFO + "' must be user:password");
        }
        timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
    }

    public static RegistryConfig of(String url) {
        return new RegistryConfig(List.of(url), null, null, true);
    }

    /** Reads the keys above from a Kafka-style config map (values may be strings or typed). */
    public static RegistryConfig fromMap(Map<String, ?> config) {
        Object url = config.get(URL);
        if (url == null || url.toString().isBlank()) {
            throw new IllegalArgumentException("no schema registry URL: set '" + URL + "' in the serde config");
        }
        List<String> urls = Arrays.stream(url.toString().split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        Object source = config.get(CREDENTIALS_SOURCE);
        if (source != null && !"USER_INFO".equalsIgnoreCase(source.toString())) {
            throw new IllegalArgumentException("'" + CREDENTIALS_SOURCE + "'=" + source + " is not supported; use USER_INFO");
        }
        Object info = config.get(USER_INFO) != null ? config.get(USER_INFO) : config.get(PREFIXED_USER_INFO);
        Object timeout = config.get(TIMEOUT_MS);
        Object auto = config.get(AUTO_REGISTER);
        return new RegistryConfig(urls,
                info == null || info.toString().isEmpty() ? null : info.toString(),
                timeout == null ? null : Duration.ofMillis(Long.parseLong(timeout.toString())),
                auto == null || Boolean.parseBoolean(auto.toString()));
    }

    /** The config map that {@link #fromMap} reads back. */
    public Map<String, Object> toMap() {
        var m = new java.util.HashMap<String, Object>();
        m.put(URL, String.join(",", urls));
        if (userInfo != null) {
            m.put(CREDENTIALS_SOURCE, "USER_INFO");
            m.put(USER_INFO, userInfo);
        }
        m.put(TIMEOUT_MS, Long.toString(timeout.toMillis()));
        m.put(AUTO_REGISTER, Boolean.toString(autoRegister));
        return m;
    }

    @Override
    public String toString() {
        return "RegistryConfig[urls=" + urls + ", auth=" + (userInfo == null ? "none" : "basic") + ", timeout="
                + timeout + ", autoRegister=" + autoRegister + "]";
    }
}
