package nowcast.platform.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import nowcast.platform.testing.LocalStack;
import nowcast.schemas.registry.RegisteredSchema;
import nowcast.schemas.registry.RegistryConfig;
import nowcast.schemas.registry.SchemaRegistryClient;
import nowcast.schemas.registry.SchemaRegistryException;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** The registry's REST API through the project's client and through raw HTTP, as other clients see it. */
class SchemaRegistryApiIT {

    static final Schema V1 = new Schema.Parser().parse("""
            {"type":"record","name":"Reading","namespace":"test","fields":[
              {"name":"station","type":"string"},{"name":"value","type":"double"}]}""");
    static final Schema V2 = new Schema.Parser().parse("""
            {"type":"record","name":"Reading","namespace":"test","fields":[
              {"name":"station","type":"string"},{"name":"value","type":"double"},
              {"name":"quality","type":"int","default":0}]}""");
    static final Schema V2_NO_DEFAULT = new Schema.Parser().parse("""
            {"type":"record","name":"Reading","namespace":"test","fields":[
              {"name":"station","type":"string"},{"name":"value","type":"double"},
              {"name":"quality","type":"int"}]}""");

    private final LocalStack stack = LocalStack.shared();
    private final SchemaRegistryClient client = new SchemaRegistryClient(RegistryConfig.of(stack.registryUrl()));
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void registersLooksUpAndListsVersions() {
        String subject = stack.freshTopic("readings") + "-value";
        int id1 = client.register(subject, V1);
        assertThat(client.register(subject, V1)).as("registering again is idempotent").isEqualTo(id1);
        int id2 = client.register(subject, V2);
        assertThat(id2).isNotEqualTo(id1);

        assertThat(client.versions(subject)).containsExactly(1, 2);
        assertThat(client.subjects()).contains(subject);
        RegisteredSchema latest = client.latest(subject);
        assertThat(latest.version()).isEqualTo(2);
        assertThat(latest.id()).isEqualTo(id2);
        assertThat(latest.schema()).isEqualTo(V2);
        assertThat(client.version(subject, 1).schema()).isEqualTo(V1);
        assertThat(client.lookup(subject, V1).version()).isEqualTo(1);
        assertThat(new SchemaRegistryClient(RegistryConfig.of(stack.registryUrl())).schemaById(id1)).isEqualTo(V1);

        String other = stack.freshTopic("readings") + "-value";
        assertThat(client.register(other, V1)).as("the same schema keeps its id in every subject").isEqualTo(id1);
    }

    @Test
    void backwardModeAcceptsANewFieldWithDefaultAndRejectsOneWithout() {
        String subject = stack.freshTopic("compat") + "-value";
        client.register(subject, V1);
        assertThat(client.isCompatible(subject, V2)).isTrue();
        assertThat(client.isCompatible(subject, V2_NO_DEFAULT)).isFalse();
        assertThatThrownBy(() -> client.register(subject, V2_NO_DEFAULT))
                .isInstanceOf(SchemaRegistryException.class)
                .satisfies(e -> {
                    assertThat(((SchemaRegistryException) e).httpStatus()).isEqualTo(409);
                    assertThat(((SchemaRegistryException) e).errorCode()).isEqualTo(409);
                })
                .hasMessageContaining("incompatible").hasMessageContaining("quality");
        assertThat(client.versions(subject)).containsExactly(1);
    }

    @Test
    void compatibilityModesPerSubject() {
        String subject = stack.freshTopic("modes") + "-value";
        client.register(subject, V2);
        assertThat(client.globalCompatibility()).isEqualTo("BACKWARD");
        assertThat(client.compatibility(subject)).as("falls back to global").isEqualTo("BACKWARD");

        // Dropping a field with a default: backward compatible, not forward compatible.
        client.setCompatibility(subject, "FORWARD");
        assertThat(client.compatibility(subject)).isEqualTo("FORWARD");
        assertThat(client.isCompatible(subject, V1)).isTrue();
        Schema newRequiredField = new Schema.Parser().parse("""
                {"type":"record","name":"Reading","namespace":"test","fields":[
                  {"name":"station","type":"string"},{"name":"value","type":"double"},
                  {"name":"quality","type":"int","default":0},{"name":"unit","type":"string"}]}""");
        assertThat(client.isCompatible(subject, newRequiredField)).as("old readers ignore the new field").isTrue();
        client.setCompatibility(subject, "FULL");
        assertThat(client.isCompatible(subject, V1)).isTrue();
        assertThat(client.isCompatible(subject, newRequiredField)).isFalse();
        client.setCompatibility(subject, "NONE");
        assertThat(client.isCompatible(subject, newRequiredField)).isTrue();

        Schema renamed = new Schema.Parser().parse("""
                {"type":"record","name":"Reading","namespace":"test","fields":[
                  {"name":"station","type":"string"},{"name":"value","type":"float"}]}""");
        client.setCompatibility(subject, "FORWARD");
        assertThat(client.isCompatible(subject, renamed)).as("a double reader reads float data")
                .isTrue();
        client.setCompatibility(subject, "BACKWARD");
        assertThat(client.isCompatible(subject, renamed)).as("a float reader cannot read double data").isFalse();
    }

    @Test
    void transitiveModeChecksEveryEarlierVersion() {
        Schema a = new Schema.Parser().parse("""
                {"type":"record","name":"T","fields":[{"name":"x","type":"int"}]}""");
        Schema b = new Schema.Parser().parse("""
                {"type":"record","name":"T","fields":[{"name":"x","type":"int"},{"name":"y","type":"int","default":1}]}""");
        // Requires y (no default): readable from b's data (which has y) but not from a's.
        Schema c = new Schema.Parser().parse("""
                {"type":"record","name":"T","fields":[{"name":"x","type":"int"},{"name":"y","type":"int"}]}""");
        String subject = stack.freshTopic("transitive") + "-value";
        client.register(subject, a);
        client.register(subject, b);
        assertThat(client.isCompatible(subject, c)).as("BACKWARD: only against the latest").isTrue();
        client.setCompatibility(subject, "BACKWARD_TRANSITIVE");
        assertThat(client.isCompatible(subject, c)).isFalse();
        assertThat(client.isCompatible(subject, "2", c)).as("against version 2 alone").isTrue();
        assertThat(client.isCompatible(subject, "1", c)).isFalse();
        assertThatThrownBy(() -> client.register(subject, c)).isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("409");
    }

    @Test
    void deletedSubjectsDisappearButTheirIdsStillResolve() {
        String subject = stack.freshTopic("deleted") + "-value";
        int id = client.register(subject, V1);
        assertThat(client.deleteSubject(subject)).containsExactly(1);
        assertThat(client.subjects()).doesNotContain(subject);
        assertThatThrownBy(() -> client.versions(subject)).isInstanceOf(SchemaRegistryException.class)
                .satisfies(e -> assertThat(((SchemaRegistryException) e).errorCode()).isEqualTo(40401));
        assertThat(new SchemaRegistryClient(RegistryConfig.of(stack.registryUrl())).schemaById(id)).isEqualTo(V1);
    }

    @Test
    void errorsCarryConfluentCodesAndTheContentType() throws Exception {
        String subject = stack.freshTopic("errors") + "-value";
        HttpResponse<String> r = get("/subjects/" + subject + "/versions");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/vnd.schemaregistry.v1+json");
        assertThat(r.body()).contains("\"error_code\":40401");

        client.register(subject, V1);
        assertThat(get("/subjects/" + subject + "/versions/7").body()).contains("40402");
        assertThat(get("/subjects/" + subject + "/versions/zero").body()).contains("42202");
        assertThat(get("/schemas/ids/999999").body()).contains("40403");
        assertThat(get("/no/such/route").statusCode()).isEqualTo(404);

        HttpResponse<String> invalid = post("/subjects/" + subject + "/versions", "{\"schema\":\"{\\\"type\\\":\\\"recrod\\\"}\"}");
        assertThat(invalid.statusCode()).isEqualTo(422);
        assertThat(invalid.body()).contains("\"error_code\":42201");

        HttpResponse<String> malformed = post("/subjects/" + subject + "/versions", "{\"schema\": ");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).contains("not valid JSON");

        HttpResponse<String> noSchema = post("/subjects/" + subject + "/versions", "{}");
        assertThat(noSchema.statusCode()).isEqualTo(422);

        HttpResponse<String> badLevel = send("PUT", "/config/" + subject, "{\"compatibility\":\"SIDEWAYS\"}");
        assertThat(badLevel.statusCode()).isEqualTo(422);
        assertThat(badLevel.body()).contains("42203").contains("SIDEWAYS");

        HttpResponse<String> unconfigured = get("/config/" + subject);
        assertThat(unconfigured.statusCode()).isEqualTo(404);
        assertThat(unconfigured.body()).contains("40408");

        assertThatThrownBy(() -> client.lookup(subject, V2)).isInstanceOf(SchemaRegistryException.class)
                .satisfies(e -> assertThat(((SchemaRegistryException) e).errorCode()).isEqualTo(40403));
        assertThat(get("/schemas/types").body()).isEqualTo("[\"AVRO\"]");
    }

    @Test
    void basicAuthIsEnforcedAndSentByTheClient() {
        try (EmbeddedSchemaRegistry secured = EmbeddedSchemaRegistry.start("127.0.0.1", 0, stack.bootstrapServers(),
                EmbeddedSchemaRegistry.DEFAULT_TOPIC, "alice:s3cret")) {
            SchemaRegistryClient anonymous = new SchemaRegistryClient(RegistryConfig.of(secured.url()));
            assertThatThrownBy(anonymous::subjects).isInstanceOf(SchemaRegistryException.class)
                    .satisfies(e -> assertThat(((SchemaRegistryException) e).errorCode()).isEqualTo(40101));
            SchemaRegistryClient alice = new SchemaRegistryClient(new RegistryConfig(List.of(secured.url()),
                    "alice:s3cret", null, true));
            String subject = stack.freshTopic("auth") + "-value";
            int id = alice.register(subject, V1);
            assertThat(client.schemaById(id)).as("same _schemas topic, same ids").isEqualTo(V1);
        }
    }

    @Test
    void unreachableRegistryIsAClearError() {
        SchemaRegistryClient nowhere = new SchemaRegistryClient(new RegistryConfig(
                List.of("http://127.0.0.1:" + nowcast.platform.broker.EmbeddedKafkaBroker.freePort()), null,
                java.time.Duration.ofSeconds(2), true));
        assertThatThrownBy(nowhere::subjects).isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("GET http://127.0.0.1:")
                .satisfies(e -> assertThat(((SchemaRegistryException) e).errorCode()).isEqualTo(-1));
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(stack.registryUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return send("POST", path, body);
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(stack.registryUrl() + path))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
