package nowcast.platform.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import nowcast.platform.registry.SchemaStore.Version;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Confluent Schema Registry REST API subset that clients use, over {@link SchemaRegistrar}.
 * Every answer has content type {@code application/vnd.schemaregistry.v1+json}; every refusal is a
 * Confluent error body.
 */
final class RegistryHttpApi implements HttpHandler {

    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final Logger LOG = LoggerFactory.getLogger(RegistryHttpApi.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

    private final SchemaRegistrar registrar;
    private final String expectedAuthorization;

    RegistryHttpApi(SchemaRegistrar registrar, String userInfo) {
        this.registrar = registrar;
        this.expectedAuthorization = userInfo == null ? null
                : "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        String method = ex.getRequestMethod();
        String path = ex.getRequestURI().getRawPath();
        try {
            if (expectedAuthorization != null
                    && !expectedAuthorization.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"schema-registry\"");
                throw new RegistryError(401, 40101, "Unauthorized: missing or wrong basic credentials");
            }
            JsonNode answer = route(method, segments(path), ex);
            send(ex, 200, answer);
        } catch (RegistryError e) {
            LOG.debug("{} {} -> {} {}", method, path, e.httpStatus, e.getMessage());
            send(ex, e.httpStatus, JSON.createObjectNode().put("error_code", e.errorCode).put("message",
                    e.getMessage()));
        } catch (RuntimeException e) {
            LOG.error("{} {} failed", method, path, e);
            send(ex, 500, JSON.createObjectNode().put("error_code", 50001).put("message",
                    "Internal error while serving " + method + " " + path + ": " + e));
        } finally {
            ex.close();
        }
    }

    private JsonNode route(String method, List<String> p, HttpExchange ex) throws IOException {
        int n = p.size();
        String first = n > 0 ? p.get(0) : "";
        if (n == 0 && method.equals("GET")) {
            return JSON.createObjectNode();
        }
        if (first.equals("schemas")) {
            if (n == 2 && p.get(1).equals("types") && method.equals("GET")) {
                return JSON.createArrayNode().add("AVRO");
            }
            if (n >= 3 && p.get(1).equals("ids") && method.equals("GET")) {
                int id = schemaId(p.get(2));
                Schema schema = registrar.store().schema(id);
                if (schema == null) {
                    throw RegistryError.schemaNotFound("no schema with id " + id);
                }
                if (n == 3) {
                    return JSON.createObjectNode().put("schema", schema.toString());
                }
                if (n == 4 && p.get(3).equals("versions")) {
                    ArrayNode out = JSON.createArrayNode();
                    registrar.store().usages(id).forEach(v -> out.addObject().put("subject", v.subject())
                            .put("version", v.version()));
                    return out;
                }
            }
        }
        if (first.equals("subjects")) {
            if (n == 1 && method.equals("GET")) {
                ArrayNode out = JSON.createArrayNode();
                registrar.store().subjects("true".equals(query(ex, "deleted"))).forEach(out::add);
                return out;
            }
            String subject = n > 1 ? p.get(1) : null;
            if (n == 2 && method.equals("POST")) {
                Version v = registrar.lookup(subject, schemaOf(body(ex)));
                return versionJson(v);
            }
            if (n == 2 && method.equals("DELETE")) {
                ArrayNode out = JSON.createArrayNode();
                registrar.deleteSubject(subject).forEach(out::add);
                return out;
            }
            if (n == 3 && p.get(2).equals("versions")) {
                if (method.equals("POST")) {
                    int id = registrar.register(subject, schemaOf(body(ex)));
                    return JSON.createObjectNode().put("id", id);
                }
                if (method.equals("GET")) {
                    List<Version> live = registrar.store().liveVersions(subject);
                    if (live.isEmpty()) {
                        throw RegistryError.subjectNotFound(subject);
                    }
                    ArrayNode out = JSON.createArrayNode();
                    live.forEach(v -> out.add(v.version()));
                    return out;
                }
            }
            if (n == 4 && p.get(2).equals("versions")) {
                if (method.equals("GET")) {
                    return versionJson(registrar.version(subject, p.get(3)));
                }
                if (method.equals("DELETE")) {
                    return JSON.getNodeFactory().numberNode(registrar.deleteVersion(subject, p.get(3)));
                }
            }
            if (n == 5 && p.get(2).equals("versions") && p.get(4).equals("schema") && method.equals("GET")) {
                return JSON.readTree(registrar.schema(registrar.version(subject, p.get(3))).toString());
            }
        }
        if (first.equals("compatibility") && n >= 4 && p.get(1).equals("subjects") && p.get(3).equals("versions")
                && method.equals("POST") && n <= 5) {
            Schema schema = schemaOf(body(ex));
            List<String> problems = registrar.compatibilityProblems(p.get(2), n == 5 ? p.get(4) : null, schema);
            ObjectNode out = JSON.createObjectNode().put("is_compatible", problems.isEmpty());
            if ("true".equals(query(ex, "verbose"))) {
                ArrayNode messages = out.putArray("messages");
                problems.forEach(messages::add);
            }
            return out;
        }
        if (first.equals("config") && n <= 2) {
            String subject = n == 2 ? p.get(1) : null;
            if (method.equals("GET")) {
                CompatibilityLevel level = subject == null ? registrar.store().globalLevel()
                        : registrar.store().subjectLevel(subject);
                if (level == null) {
                    if (!"true".equals(query(ex, "defaultToGlobal"))) {
                        throw new RegistryError(404, 40408, "Subject '" + subject
                                + "' does not have subject-level compatibility configured");
                    }
                    level = registrar.store().globalLevel();
                }
                return JSON.createObjectNode().put("compatibilityLevel", level.name());
            }
            if (method.equals("PUT")) {
                JsonNode b = body(ex);
                JsonNode c = b.get("compatibility");
                if (c == null || !c.isTextual()) {
                    throw new RegistryError(422, 42203, "the request needs a \"compatibility\" field");
                }
                CompatibilityLevel level = CompatibilityLevel.parse(c.asText());
                registrar.setLevel(subject, level);
                return JSON.createObjectNode().put("compatibility", level.name());
            }
            if (method.equals("DELETE") && subject != null) {
                CompatibilityLevel old = registrar.store().subjectLevel(subject);
                if (old == null) {
                    throw RegistryError.subjectNotFound(subject);
                }
                registrar.setLevel(subject, null);
                return JSON.createObjectNode().put("compatibilityLevel", old.name());
            }
        }
        throw new RegistryError(404, 404, "HTTP 404 Not Found: no route for " + method + " "
                + ex.getRequestURI().getRawPath());
    }

    private ObjectNode versionJson(Version v) {
        return JSON.createObjectNode().put("subject", v.subject()).put("version", v.version()).put("id", v.id())
                .put("schema", registrar.schema(v).toString());
    }

    private static Schema schemaOf(JsonNode body) {
        JsonNode type = body.get("schemaType");
        if (type != null && !type.isNull() && !"AVRO".equalsIgnoreCase(type.asText())) {
            throw RegistryError.invalidSchema("schema type " + type.asText() + " is not supported; only AVRO");
        }
        JsonNode refs = body.get("references");
        if (refs != null && refs.isArray() && !refs.isEmpty()) {
            throw RegistryError.invalidSchema("schema references are not supported");
        }
        JsonNode schema = body.get("schema");
        return SchemaRegistrar.parse(schema == null || !schema.isTextual() ? null : schema.asText());
    }

    private static int schemaId(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new RegistryError(404, 40403, "Schema not found: '" + text + "' is not a schema id");
        }
    }

    private static JsonNode body(HttpExchange ex) throws IOException {
        byte[] bytes;
        try (InputStream in = ex.getRequestBody()) {
            bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw new RegistryError(413, 413, "request body is larger than " + MAX_BODY_BYTES + " bytes");
        }
        try {
            JsonNode node = JSON.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw new RegistryError(400, 400, "request body must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new RegistryError(400, 400, "request body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static String query(HttpExchange ex, String name) {
        String q = ex.getRequestURI().getRawQuery();
        if (q == null) {
            return null;
        }
        for (String pair : q.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            if (k.equals(name)) {
                return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static List<String> segments(String rawPath) {
        List<String> out = new ArrayList<>();
        for (String s : rawPath.split("/")) {
            if (!s.isEmpty()) {
                out.add(URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static void send(HttpExchange ex, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        ex.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
