package nowcast.schemas;

import java.util.Objects;

/**
 * Names of the project's topics, all under one configurable prefix ({@code nowcast} by default):
 * {@code <prefix>.frames}, {@code <prefix>.forecasts}, {@code <prefix>.scores},
 * {@code <prefix>.dead-letter}, and for subscribers {@code <prefix>.products}, {@code <prefix>.alerts} and the
 * compacted {@code <prefix>.alert-rules}. Values are registered under {@code <topic>-value}.
 */
public record Topics(String prefix) {

    public static final String DEFAULT_PREFIX = "nowcast";

    /** Kafka-style config key that sets the prefix, e.g. in a service's properties. */
    public static final String PREFIX_CONFIG = "nowcast.topic.prefix";

    public Topics {
        Objects.requireNonNull(prefix, "prefix");
        if (!prefix.matches("[a-zA-Z0-9._-]+")) {
            throw new IllegalArgumentException("topic prefix '" + prefix
                    + "' must be non-empty and use only letters, digits, '.', '_' and '-'");
        }
    }

    public static Topics defaults() {
        return new Topics(DEFAULT_PREFIX);
    }

    public static Topics withPrefix(String prefix) {
        return new Topics(prefix);
    }

    /** The topics named by {@value #PREFIX_CONFIG} in a Kafka-style config map, the defaults when it is absent. */
    public static Topics fromConfig(java.util.Map<String, ?> config) {
        Object prefix = config.get(PREFIX_CONFIG);
        return prefix == null ? defaults() : new Topics(prefix.toString().trim());
    }

    public String frames() {
        return prefix + ".frames";
    }

    public String forecasts() {
        return prefix + ".forecasts";
    }

    public String scores() {
        return prefix + ".scores";
    }

    public String deadLetter() {
        return prefix + ".dead-letter";
    }

    /** Accumulations and exceedance probabilities of each forecast (sink). */
    public String products() {
        return prefix + ".products";
    }

    /** Start and all-clear of area alerts (sink). */
    public String alerts() {
        return prefix + ".alerts";
    }

    /** Subscribers' alert rules, compacted: the latest value per rule id is the rule, null deletes it. */
    public String alertRules() {
        return prefix + ".alert-rules";
    }

    /** Subject of the value schema of a topic under the TopicNameStrategy. */
    public static String valueSubject(String topic) {
        return topic + "-value";
    }

    /** Subject of the key schema of a topic under the TopicNameStrategy. */
    public static String keySubject(String topic) {
        return topic + "-key";
    }
}
