package nowcast.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * Client of the Confluent Schema Registry REST API (and of the project's own registry, which
 * speaks the same API). Schema ids and registrations are cached, since they never change once
 * given out. Thread-safe.
 */
public final class SchemaRegistryClient {

    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RegistryConfig config;
    private final HttpClient http;
    private final String authorization;
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final Map<String, Integer> idsBySubjectAndSchema = new ConcurrentHashMap<>();

    public SchemaRegistryClient(RegistryConfig config) {
        this.config = config;
        this.http = HttpClient.newBuilder().connectTimeout(config.timeout()).build();
        this.authorization = config.userInfo() == null ? null
                : "Basic " + Base64.getEncoder().encodeToString(config.userInfo().getBytes(StandardCharsets.UTF_8));
    }

    public RegistryConfig config() {
        return config;
    }

    /** Registers a schema under a subject (idempotent) and answers its global id. */
    public int register(String subject, Schema schema) {
        String key = subject + '\u0000' + schema;
        Integer cached = idsBySubjectAndSchema.get(key);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = send("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema));
        int id = answer.path("id").asInt(-1);
        idsBySubjectAndSchema.put(key, id);
        schemasById.putIfAbsent(id, schema);
        return id;
    }

    /** Finds the version of a subject that holds this schema; 40403 when the subject lacks it. */
    public RegisteredSchema lookup(String subject, Schema schema) {
        JsonNode answer = send("POST", "/subjects/" + encode(subject), schemaBody(schema));
        RegisteredSchema found = registered(answer, subject);
        idsBySubjectAndSchema.put(subject + '\u0000' + schema, found.id());
        return found;
    }

    /** The id of a schema in a subject, looked up (never registered) and cached. */
    public int idOf(String subject, Schema schema) {
        Integer cached = idsBySubjectAndSchema.get(subject + '\u0000' + schema);
        return cached != null ? cached : lookup(subject, schema).id();
    }

    /** The schema with a global id; 40403 when there is none. */
    public Schema schemaById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = send("GET", "/schemas/ids/" + id, null);
        Schema schema = parse(answer.path("schema").asText(), "schema id " + id);
        schemasById.put(id, schema);
        return schema;
    }

    public List<String> subjects() {
        List<String> out = new ArrayList<>();
        send("GET", "/subjects", null).forEach(n -> out.add(n.asText()));
        return out;
    }

    public List<Integer> versions(String subject) {
        List<Integer> out = new ArrayList<>();
        send("GET", "/subjects/" + encode(subject) + "/versions", null).forEach(n -> out.add(n.asInt()));
        return out;
    }

    public RegisteredSchema version(String subject, int version) {
        return registered(send("GET", "/subjects/" + encode(subject) + "/versions/" + version, null), subject);
    }

    public RegisteredSchema latest(String subject) {
        return registered(send("GET", "/subjects/" + encode(subject) + "/versions/latest", null), subject);
    }

    /**
     * Whether the schema may be registered as the next version: checked against the latest version,
     * or against all of them under a _TRANSITIVE mode ({@code POST /compatibility/subjects/{s}/versions}).
     */
    public boolean isCompatible(String subject, Schema schema) {
        JsonNode answer = send("POST", "/compatibility/subjects/" + encode(subject) + "/versions", schemaBody(schema));
        return answer.path("is_compatible").asBoolean(false);
    }

    /** Whether the schema is compatible with a version ({@code "latest"} or a number) under the subject's mode. */
    public boolean isCompatible(String subject, String version, Schema schema) {
        JsonNode answer = send("POST", "/compatibility/subjects/" + encode(subject) + "/versions/" + encode(version),
                schemaBody(schema));
        return answer.path("is_compatible").asBoolean(false);
    }

    /** The global compatibility mode (BACKWARD, FULL ...). */
    public String globalCompatibility() {
        return send("GET", "/config", null).path("compatibilityLevel").asText();
    }

    /** A subject's compatibility mode, falling back to the global one when the subject has none. */
    public String compatibility(String subject) {
        return send("GET", "/config/" + encode(subject) + "?defaultToGlobal=true", null)
                .path("compatibilityLevel").asText();
    }

    public void setGlobalCompatibility(String level) {
        send("PUT", "/config", JSON.createObjectNode().put("compatibility", level));
    }

    public void setCompatibility(String subject, String level) {
        send("PUT", "/config/" + encode(subject), JSON.createObjectNode().put("compatibility", level));
    }

    /** Soft-deletes all versions of a subject; answers the deleted version numbers. */
    public List<Integer> deleteSubject(String subject) {
        List<Integer> out = new ArrayList<>();
        send("DELETE", "/subjects/" + encode(subject), null).forEach(n -> out.add(n.asInt()));
        idsBySubjectAndSchema.keySet().removeIf(k -> k.startsWith(subject + '\u0000'));
        return out;
    }

    private static ObjectNode schemaBody(Schema schema) {
        return JSON.createObjectNode().put("schema", schema.toString());
    }

    private static RegisteredSchema registered(JsonNode n, String subject) {
        return new RegisteredSchema(n.path("subject").asText(subject), n.path("version").asInt(),
                n.path("id").asInt(), parse(n.path("schema").asText(), "subject " + subject));
    }

    private static Schema parse(String text, String what) {
        try {
            return new Schema.Parser().parse(text);
        } catch (SchemaParseException e) {
            throw new SchemaRegistryException("registry returned an unparsable schema for " + what + ": "
                    + e.getMessage(), -1, -1, e);
        }
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private JsonNode send(String method, String path, JsonNode body) {
        SchemaRegistryException last = null;
        for (String base : config.urls()) {
            HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(config.timeout())
                    .header("Accept", CONTENT_TYPE + ", application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body.toString()));
            if (body != null) {
                req.header("Content-Type", CONTENT_TYPE);
            }
            if (authorization != null) {
                req.header("Authorization", authorization);
            }
            HttpResponse<String> resp;
            try {
                resp = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                last = new SchemaRegistryException(method + " " + base + path + " failed: " + e, -1, -1, e);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SchemaRegistryException(method + " " + base + path + " interrupted", -1, -1, e);
            }
            return answer(method, base + path, resp);
        }
        throw last;
    }

    private static JsonNode answer(String method, String url, HttpResponse<String> resp) {
        JsonNode json;
        try {
            json = resp.body().isEmpty() ? JSON.nullNode() : JSON.readTree(resp.body());
        } catch (IOException e) {
            json = null;
        }
        if (resp.statusCode() / 100 == 2 && json != null) {
            return json;
        }
        int code = json != null && json.has("error_code") ? json.get("error_code").asInt() : resp.statusCode();
        String message = json != null && json.has("message") ? json.get("message").asText() : abbreviate(resp.body());
        throw new SchemaRegistryException(method + " " + url + " answered " + resp.statusCode() + " (error_code "
                + code + "): " + message, resp.statusCode(), code, null);
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
