package nowcast.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nowcast.app.NowcastCommand;
import nowcast.frame.Frame;
import nowcast.platform.broker.EmbeddedKafkaBroker;
import nowcast.platform.registry.EmbeddedSchemaRegistry;
import nowcast.schemas.Topics;
import nowcast.schemas.client.ClientOverrides;
import nowcast.schemas.serde.NowcastSerdes;

/**
 * The client pass-through against a broker that clients can reach only over TLS and a registry that
 * requires basic auth: {@code nowcast ingest synthetic}, run as its own process configured only through
 * {@code NOWCAST_KAFKA_CONFIG} and {@code NOWCAST_REGISTRY_USER_INFO}, creates its topics and publishes
 * frames, which a consumer built from the same settings reads back. The registry's own Kafka clients use
 * the same overrides.
 */
class TlsClientsIT {

    private static final String PASSWORD = "nowcast-test";
    private static final String USER_INFO = "nowcast:s3cret";

    @TempDir
    static Path dir;
    static EmbeddedKafkaBroker broker;
    static EmbeddedSchemaRegistry registry;
    static Path clientProperties;

    @BeforeAll
    static void startSecuredStack() throws Exception {
        Path keyStore = dir.resolve("broker.p12");
        Path cert = dir.resolve("broker.crt");
        Path trustStore = dir.resolve("truststore.p12");
        keytool("-genkeypair", "-alias", "broker", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12",
                "-keystore", keyStore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
        keytool("-exportcert", "-alias", "broker", "-keystore", keyStore.toString(), "-storepass", PASSWORD,
                "-file", cert.toString());
        keytool("-importcert", "-noprompt", "-alias", "broker", "-file", cert.toString(), "-storetype", "PKCS12",
                "-keystore", trustStore.toString(), "-storepass", PASSWORD);
        clientProperties = dir.resolve("client.properties");
        Files.writeString(clientProperties, String.join("\n",
                "security.protocol=SSL",
                "ssl.truststore.type=PKCS12",
                "ssl.truststore.location=" + trustStore.toAbsolutePath().toString().replace("\\", "/"),
                "ssl.truststore.password=" + PASSWORD), StandardCharsets.UTF_8);

        broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0,
                new EmbeddedKafkaBroker.TlsListener(0, keyStore, PASSWORD));
        registry = EmbeddedSchemaRegistry.start("127.0.0.1", 0, broker.tlsBootstrapServers(), "_schemas_tls",
                USER_INFO, overrides().kafka());
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    static ClientOverrides overrides() {
        return ClientOverrides.fromEnvironment(Map.of(ClientOverrides.FILE_VARIABLE, clientProperties.toString(),
                ClientOverrides.REGISTRY_USER_INFO_VARIABLE, USER_INFO));
    }

    @Test
    void ingestPublishesOverTlsWithRegistryAuthFromTheEnvironment() throws Exception {
        Topics topics = Topics.withPrefix("tls");
        Map<String, String> env = Map.of(ClientOverrides.FILE_VARIABLE, clientProperties.toString(),
                ClientOverrides.REGISTRY_USER_INFO_VARIABLE, USER_INFO);
        Run run = nowcast(env, "ingest", "synthetic", "--bootstrap", broker.tlsBootstrapServers(), "--registry",
                registry.url(), "--topic-prefix", "tls", "--sources", "2", "--frames", "3", "--rows", "32",
                "--cols", "32", "--as-fast-as-possible");
        assertThat(run.exitCode()).as(run.output()).isZero();

        List<Frame> frames = readFrames(topics.frames(), 6);
        assertThat(frames).hasSize(6);
        assertThat(frames).extracting(Frame::sourceId).containsOnly("synthetic-000", "synthetic-001");
    }

    @Test
    void withoutTheRegistryCredentialsIngestFailsWithAClearError() throws Exception {
        Run run = nowcast(Map.of(ClientOverrides.FILE_VARIABLE, clientProperties.toString()), "ingest",
                "synthetic", "--bootstrap", broker.tlsBootstrapServers(), "--registry", registry.url(),
                "--topic-prefix", "tls-noauth", "--frames", "1", "--rows", "32", "--cols", "32",
                "--as-fast-as-possible");
        assertThat(run.exitCode()).as(run.output()).isNotZero();
        assertThat(run.output()).contains("401");
    }

    private static List<Frame> readFrames(String topic, int expected) {
        Map<String, Object> config = new HashMap<>(overrides().kafkaConfig(broker.tlsBootstrapServers()));
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "tls-reader");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<Frame> frames = new ArrayList<>();
        try (KafkaConsumer<String, Frame> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                NowcastSerdes.frames(overrides().serdeConfig(registry.url())).deserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (frames.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, Frame> r : consumer.poll(Duration.ofMillis(500))) {
                    frames.add(r.value());
                }
            }
        }
        return frames;
    }

    record Run(int exitCode, String output) {
    }

    /** The CLI as its own JVM (the environment of a process cannot be changed from inside). */
    private static Run nowcast(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), NowcastCommand.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("NOWCAST_"));
        pb.environment().putAll(env);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("keytool " + String.join(" ", args) + " failed: " + out);
        }
    }
}
