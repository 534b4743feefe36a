package nowcast.schemas.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nowcast.schemas.registry.RegistryConfig;

class ClientOverridesTest {

    @TempDir
    Path dir;

    @Test
    void variablesNameKafkaPropertiesAndWinOverTheFile() throws Exception {
        Path file = dir.resolve("client.properties");
        Files.writeString(file, "security.protocol=SSL\nssl.truststore.location=/etc/ts.p12\n");
        ClientOverrides o = ClientOverrides.fromEnvironment(Map.of(
                "NOWCAST_KAFKA_CONFIG", file.toString(),
                "NOWCAST_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "NOWCAST_KAFKA_SASL_MECHANISM", "PLAIN",
                "NOWCAST_BOOTSTRAP", "not-a-kafka-property:9092"));
        assertThat(o.kafka()).containsOnly(Map.entry("security.protocol", "SASL_SSL"),
                Map.entry("ssl.truststore.location", "/etc/ts.p12"), Map.entry("sasl.mechanism", "PLAIN"));
        assertThat(o.kafkaConfig("b:9093")).containsEntry("bootstrap.servers", "b:9093")
                .containsEntry("security.protocol", "SASL_SSL");
    }

    @Test
    void registryUserInfoReachesTheSerdeConfig() {
        ClientOverrides o = ClientOverrides.fromEnvironment(Map.of("NOWCAST_REGISTRY_USER_INFO", "u:p"));
        RegistryConfig config = RegistryConfig.fromMap(o.serdeConfig("https://registry:8081"));
        assertThat(config.userInfo()).isEqualTo("u:p");
        assertThat(config.urls()).containsExactly("https://registry:8081");
        assertThat(ClientOverrides.none().serdeConfig("http://r:1")).doesNotContainKey(RegistryConfig.USER_INFO);
    }

    @Test
    void badInputIsNamed() {
        assertThatThrownBy(() -> ClientOverrides.fromEnvironment(Map.of("NOWCAST_KAFKA_BOOTSTRAP_SERVERS", "x:1")))
                .hasMessageContaining("bootstrap.servers");
        assertThatThrownBy(() -> ClientOverrides.fromEnvironment(Map.of("NOWCAST_REGISTRY_USER_INFO", "nocolon")))
                .hasMessageContaining("NOWCAST_REGISTRY_USER_INFO");
        assertThatThrownBy(() -> ClientOverrides.fromEnvironment(Map.of("NOWCAST_KAFKA_CONFIG",
                dir.resolve("missing.properties").toString()))).hasMessageContaining("missing.properties");
    }

    @Test
    void secretsStayOutOfToString() {
        ClientOverrides o = ClientOverrides.fromEnvironment(Map.of("NOWCAST_KAFKA_SASL_JAAS_CONFIG", "secret-value",
                "NOWCAST_REGISTRY_USER_INFO", "u:secret-password"));
        assertThat(o.toString()).contains("sasl.jaas.config").doesNotContain("secret-value", "secret-password");
    }
}
