package nowcast.platform.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import nowcast.platform.registry.EmbeddedSchemaRegistry;
import nowcast.schemas.registry.RegistryConfig;
import nowcast.schemas.registry.SchemaRegistryClient;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broker of its own (not the shared one), restarted on its data directory: records, topics and
 * the registry's schema ids survive; two registries on one cluster agree on ids.
 */
class RestartIT {

    @TempDir
    Path dir;

    @Test
    void recordsAndSchemaIdsSurviveRestartsAndTwoRegistriesAgree() throws Exception {
        Path data = dir.resolve("kafka");
        Map<String, Integer> ids = new ConcurrentHashMap<>();
        String clusterId;
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(data, 0)) {
            clusterId = broker.clusterId();
            produce(broker, "restart-topic", "before-1", "before-2");
            try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(0, broker.bootstrapServers())) {
                SchemaRegistryClient client = new SchemaRegistryClient(RegistryConfig.of(registry.url()));
                for (int i = 0; i < 3; i++) {
                    ids.put("s" + i, client.register("subject-" + i, schema(i)));
                }
            }
            try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(0, broker.bootstrapServers())) {
                SchemaRegistryClient client = new SchemaRegistryClient(RegistryConfig.of(registry.url()));
                for (int i = 0; i < 3; i++) {
                    assertThat(client.schemaById(ids.get("s" + i))).as("id of subject-%d after registry restart", i)
                            .isEqualTo(schema(i));
                    assertThat(client.register("subject-" + i, schema(i))).isEqualTo(ids.get("s" + i));
                }
            }
        }

        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(data, 0)) {
            assertThat(broker.clusterId()).as("the cluster id survives a restart").isEqualTo(clusterId);
            try (var admin = org.apache.kafka.clients.admin.Admin.create(Map.of("bootstrap.servers",
                    broker.bootstrapServers()))) {
                assertThat(admin.describeCluster().clusterId().get()).isEqualTo(clusterId);
            }
            assertThat(consume(broker, "restart-topic", 2)).containsExactly("before-1", "before-2");
            produce(broker, "restart-topic", "after-1");
            assertThat(consume(broker, "restart-topic", 3)).containsExactly("before-1", "before-2", "after-1");

            try (EmbeddedSchemaRegistry a = EmbeddedSchemaRegistry.start(0, broker.bootstrapServers());
                 EmbeddedSchemaRegistry b = EmbeddedSchemaRegistry.start(0, broker.bootstrapServers())) {
                SchemaRegistryClient ca = new SchemaRegistryClient(RegistryConfig.of(a.url()));
                SchemaRegistryClient cb = new SchemaRegistryClient(RegistryConfig.of(b.url()));
                assertThat(ca.schemaById(ids.get("s1"))).as("ids survive a broker restart").isEqualTo(schema(1));

                // Both instances register new schemas at the same time: no id is given twice.
                ExecutorService pool = Executors.newFixedThreadPool(2);
                List<Future<Integer>> fromA = new ArrayList<>();
                List<Future<Integer>> fromB = new ArrayList<>();
                for (int i = 10; i < 16; i++) {
                    int n = i;
                    fromA.add(pool.submit(() -> ca.register("race-a", schema(n))));
                    fromB.add(pool.submit(() -> cb.register("race-b", schema(n + 100))));
                }
                pool.shutdown();
                List<Integer> all = new ArrayList<>();
                for (int i = 0; i < fromA.size(); i++) {
                    int idA = fromA.get(i).get();
                    int idB = fromB.get(i).get();
                    all.add(idA);
                    all.add(idB);
                    assertThat(cb.schemaById(idA)).isEqualTo(schema(10 + i));
                    assertThat(new SchemaRegistryClient(RegistryConfig.of(a.url())).schemaById(idB))
                            .isEqualTo(schema(110 + i));
                }
                assertThat(all).doesNotHaveDuplicates();
                assertThat(ca.versions("race-b")).hasSize(6);
                assertThat(cb.versions("race-a")).hasSize(6);
            }
        }
    }

    @Test
    void everyNewDataDirectoryIsANewCluster() {
        try (EmbeddedKafkaBroker a = EmbeddedKafkaBroker.start(dir.resolve("a"), 0);
             EmbeddedKafkaBroker b = EmbeddedKafkaBroker.start(dir.resolve("b"), 0)) {
            assertThat(a.clusterId()).isNotEqualTo(b.clusterId()).isNotEqualTo(EmbeddedKafkaBroker.LEGACY_CLUSTER_ID);
        }
    }

    @Test
    void aTakenPortIsAClearStartFailure() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> EmbeddedKafkaBroker.start(dir.resolve("busy"), taken.getLocalPort()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("port " + taken.getLocalPort()).hasMessageContaining("did not start");
        }
    }

    /** Distinct schemas that are all compatible with each other (only optional fields). */
    static Schema schema(int n) {
        return SchemaBuilder.record("R").namespace("test.restart").fields()
                .name("f" + n).type().intType().intDefault(n).endRecord();
    }

    private static void produce(EmbeddedKafkaBroker broker, String topic, String... values) {
        try (var p = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
            for (String v : values) {
                p.send(new ProducerRecord<>(topic, v));
            }
        }
    }

    private static List<String> consume(EmbeddedKafkaBroker broker, String topic, int expected) {
        List<String> out = new ArrayList<>();
        try (var c = new KafkaConsumer<>(Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers()), new StringDeserializer(), new StringDeserializer())) {
            TopicPartition tp = new TopicPartition(topic, 0);
            c.assign(List.of(tp));
            c.seekToBeginning(List.of(tp));
            long deadline = System.currentTimeMillis() + 30_000;
            while (out.size() < expected && System.currentTimeMillis() < deadline) {
                c.poll(Duration.ofMillis(200)).forEach(r -> out.add(r.value()));
            }
        }
        return out;
    }
}
