package nowcast.schemas.serde;

import java.util.Map;
import nowcast.avro.DeadLetter;
import nowcast.avro.VerificationScore;
import nowcast.forecast.Forecast;
import nowcast.frame.Frame;
import nowcast.schemas.registry.RegistryConfig;
import nowcast.schemas.registry.SchemaRegistryClient;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/**
 * Value serdes of the project's topics, configured from a Kafka-style map (keys of
 * {@link RegistryConfig}, e.g. {@code schema.registry.url}), so the same map that configures a
 * producer or a Streams app configures them. Keys of all topics are plain UTF-8 source ids
 * ({@code Serdes.String()}).
 */
public final class NowcastSerdes {

    private NowcastSerdes() {
    }

    public static Serde<Frame> frames(Map<String, ?> config) {
        return new FrameSerde(client(config));
    }

    public static Serde<Forecast> forecasts(Map<String, ?> config) {
        return new ForecastSerde(client(config));
    }

    public static Serde<VerificationScore> scores(Map<String, ?> config) {
        return new VerificationScoreSerde(client(config));
    }

    public static Serde<DeadLetter> deadLetters(Map<String, ?> config) {
        return new DeadLetterSerde(client(config));
    }

    /** Any Avro specific record as a topic value. */
    public static <T extends SpecificRecord> Serde<T> avro(Class<T> type, Map<String, ?> config) {
        return new AvroWireSerde<>(type, client(config), false);
    }

    /** The shared (caching) registry client for a config map. */
    public static SchemaRegistryClient client(Map<String, ?> config) {
        return RegistryClients.forConfig(RegistryConfig.fromMap(config));
    }

    /** The config map for a registry at {@code url}, no auth. */
    public static Map<String, Object> config(String url) {
        return RegistryConfig.of(url).toMap();
    }
}
