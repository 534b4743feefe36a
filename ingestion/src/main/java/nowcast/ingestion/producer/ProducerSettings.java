package nowcast.ingestion.producer;

import java.util.HashMap;
import java.util.Map;

import nowcast.schemas.Topics;

/**
 * Settings of the frames producer. {@code clientConfig} holds {@code bootstrap.servers},
 * {@code schema.registry.url} and any producer override; {@code maxMessageBytes} is the broker's message
 * limit the frames must fit (Kafka's default {@code message.max.bytes} is 1 048 588); {@code policies}
 * maps a source id to its {@link FrameSizePolicy} ({@code defaultPolicy} for the others).
 */
public record ProducerSettings(Map<String, Object> clientConfig, Topics topics, long maxMessageBytes,
                               FrameSizePolicy defaultPolicy, Map<String, FrameSizePolicy> policies) {

    public static final long KAFKA_DEFAULT_MESSAGE_MAX_BYTES = 1_048_588L;

    public ProducerSettings {
        clientConfig = Map.copyOf(clientConfig);
        policies = policies == null ? Map.of() : Map.copyOf(policies);
        defaultPolicy = defaultPolicy == null ? FrameSizePolicy.reject() : defaultPolicy;
        if (maxMessageBytes < 1024) {
            throw new IllegalArgumentException("maxMessageBytes must be at least 1024, got " + maxMessageBytes);
        }
    }

    public static ProducerSettings of(Map<String, Object> clientConfig, Topics topics) {
        return new ProducerSettings(clientConfig, topics, KAFKA_DEFAULT_MESSAGE_MAX_BYTES, FrameSizePolicy.reject(),
                Map.of());
    }

    public ProducerSettings withPolicy(String sourceId, FrameSizePolicy policy) {
        Map<String, FrameSizePolicy> m = new HashMap<>(policies);
        m.put(sourceId, policy);
        return new ProducerSettings(clientConfig, topics, maxMessageBytes, defaultPolicy, m);
    }

    public ProducerSettings withDefaultPolicy(FrameSizePolicy policy) {
        return new ProducerSettings(clientConfig, topics, maxMessageBytes, policy, policies);
    }

    public ProducerSettings withMaxMessageBytes(long bytes) {
        return new ProducerSettings(clientConfig, topics, bytes, defaultPolicy, policies);
    }

    public FrameSizePolicy policyFor(String sourceId) {
        FrameSizePolicy own = policies.get(sourceId);
        if (own != null) {
            return own;
        }
        // multi-event formats name sources <id>:<event>; the operator sets the policy on <id>
        int colon = sourceId.indexOf(':');
        if (colon > 0 && policies.containsKey(sourceId.substring(0, colon))) {
            return policies.get(sourceId.substring(0, colon));
        }
        return defaultPolicy;
    }

    /** The largest request any source may send: the broker limit, or the largest raised limit. */
    long largestRequest() {
        long max = maxMessageBytes;
        for (FrameSizePolicy p : policies.values()) {
            max = Math.max(max, p.limitBytes());
        }
        return Math.max(max, defaultPolicy.limitBytes());
    }
}
