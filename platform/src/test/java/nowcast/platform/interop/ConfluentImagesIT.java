package nowcast.platform.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nowcast.frame.Frame;
import nowcast.frame.PhysicalField;
import nowcast.frame.Quantity;
import nowcast.schemas.Topics;
import nowcast.schemas.registry.RegistryConfig;
import nowcast.schemas.registry.SchemaRegistryClient;
import nowcast.schemas.registry.SchemaRegistryException;
import nowcast.schemas.serde.NowcastSerdes;
import org.apache.avro.Schema;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The Docker twin of the interop tests: the project's serdes and registry client against the
 * official Apache Kafka image and the Confluent Schema Registry image, which proves the wire
 * format and the REST usage byte-compatible with Confluent's own server. Runs only where a Docker
 * daemon is reachable; images can be overridden with {@code -Dnowcast.it.kafka-image=...} and
 * {@code -Dnowcast.it.registry-image=...}.
 */
class ConfluentImagesIT {

    static final String KAFKA_IMAGE = System.getProperty("nowcast.it.kafka-image", "apache/kafka:4.1.0");
    static final String REGISTRY_IMAGE = System.getProperty("nowcast.it.registry-image",
            "confluentinc/cp-schema-registry:8.0.0");

    @Test
    void roundTripAgainstApacheKafkaAndConfluentSchemaRegistryImages() {
        Assumptions.assumeTrue(dockerAvailable(), "skipped: no Docker daemon is reachable, so the Apache Kafka ("
                + KAFKA_IMAGE + ") and Confluent Schema Registry (" + REGISTRY_IMAGE + ") containers cannot run");
        try (Network network = Network.newNetwork();
             KafkaContainer kafka = new KafkaContainer(KAFKA_IMAGE).withNetwork(network).withListener("kafka:19092");
             GenericContainer<?> registry = new GenericContainer<>(REGISTRY_IMAGE).withNetwork(network)
                     .withExposedPorts(8081)
                     .withEnv("SCHEMA_REGISTRY_HOST_NAME", "schema-registry")
                     .withEnv("SCHEMA_REGISTRY_LISTENERS", "http://0.0.0.0:8081")
                     .withEnv("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS", "PLAINTEXT://kafka:19092")
                     .waitingFor(Wait.forHttp("/subjects").forStatusCode(200))) {
            kafka.start();
            registry.dependsOn(kafka);
            registry.start();
            String url = "http://" + registry.getHost() + ":" + registry.getMappedPort(8081);
            roundTrip(kafka.getBootstrapServers(), url);
        }
    }

    private static void roundTrip(String bootstrap, String url) {
        String topic = "nowcast-twin.frames";
        Map<String, Object> config = NowcastSerdes.config(url);
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        Serde<Frame> serde = NowcastSerdes.frames(config);
        Frame sent = new Frame("twin-1", Instant.parse("2024-06-01T12:00:00Z"), Duration.ofMinutes(5), "twin",
                PhysicalField.single(Quantity.REFLECTIVITY, 2, 2, InteropScenario.VALUES), InteropScenario.KNMI_LIKE,
                null, null, Map.of());
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), serde.serializer())) {
            producer.send(new ProducerRecord<>(topic, sent.sourceId(), sent));
        }
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "twin");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<Frame> received = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), serde.deserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + 60_000;
            while (received.isEmpty() && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> received.add(r.value()));
            }
        }
        assertThat(received).hasSize(1);
        assertThat(received.get(0).field().values()).containsExactly(InteropScenario.VALUES);

        SchemaRegistryClient client = new SchemaRegistryClient(RegistryConfig.of(url));
        String subject = Topics.valueSubject(topic);
        Schema v1 = nowcast.avro.Frame.getClassSchema();
        assertThat(client.lookup(subject, v1).version()).isEqualTo(1);
        Schema v2 = withField(v1, "{\"name\":\"note\",\"type\":\"string\",\"default\":\"\"}");
        assertThat(client.isCompatible(subject, v2)).isTrue();
        assertThat(client.register(subject, v2)).isNotEqualTo(client.lookup(subject, v1).id());
        Schema v3 = withField(v1, "{\"name\":\"mandatory\",\"type\":\"int\"}");
        assertThatThrownBy(() -> client.register(subject, v3)).isInstanceOf(SchemaRegistryException.class)
                .satisfies(e -> assertThat(((SchemaRegistryException) e).httpStatus()).isEqualTo(409));
    }

    static Schema withField(Schema schema, String fieldJson) {
        String json = schema.toString();
        int end = json.lastIndexOf("]");
        return new Schema.Parser().parse(json.substring(0, end) + "," + fieldJson + json.substring(end));
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | Error e) {
            return false;
        }
    }
}
