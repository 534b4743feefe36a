package nowcast.platform.registry;

import java.time.Duration;
import java.util.List;
import nowcast.platform.registry.SchemaStore.Version;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * What the registry does, independent of HTTP: registration with compatibility checks, lookups
 * and settings. Writes go through the {@link SchemaLog} and are serialised per instance; two
 * instances that race for an id or version number both read the log, and the loser retries.
 */
final class SchemaRegistrar {

    private static final int WRITE_ATTEMPTS = 5;

    private final SchemaStore store;
    private final SchemaLog log;
    private final Duration timeout;

    SchemaRegistrar(SchemaStore store, SchemaLog log, Duration timeout) {
        this.store = store;
        this.log = log;
        this.timeout = timeout;
    }

    static Schema parse(String text) {
        if (text == null || text.isBlank()) {
            throw RegistryError.invalidSchema("the request has no schema");
        }
        try {
            return new Schema.Parser().parse(text);
        } catch (SchemaParseException | NullPointerException e) {
            throw RegistryError.invalidSchema(e.getMessage());
        }
    }

    synchronized int register(String subject, Schema schema) {
        for (int attempt = 0; attempt < WRITE_ATTEMPTS; attempt++) {
            log.syncToEnd(timeout);
            List<Version> live = store.liveVersions(subject);
            for (Version v : live) {
                if (SchemaIdentity.of(store.schema(v.id())).equals(SchemaIdentity.of(schema))) {
                    return v.id();
                }
            }
            List<String> problems = store.effectiveLevel(subject).problems(schema, schemas(live));
            if (!problems.isEmpty()) {
                throw new RegistryError(409, 409, "Schema being registered is incompatible with an earlier schema "
                        + "for subject \"" + subject + "\" (" + store.effectiveLevel(subject) + "), details: "
                        + problems);
            }
            Integer known = store.idOf(schema);
            int id = known != null ? known : store.nextId();
            int version = store.nextVersion(subject);
            log.appendSchema(subject, version, id, schema.toString(), false, timeout);
            Version written = store.version(subject, version);
            if (written != null && written.id() == id && !written.deleted()) {
                return id;
            }
        }
        throw new RegistryError(500, 50001, "could not register under subject '" + subject + "' after "
                + WRITE_ATTEMPTS + " attempts: other registry instances kept taking the id or version");
    }

    Version lookup(String subject, Schema schema) {
        List<Version> live = store.liveVersions(subject);
        if (live.isEmpty()) {
            throw RegistryError.subjectNotFound(subject);
        }
        for (Version v : live) {
            if (SchemaIdentity.of(store.schema(v.id())).equals(SchemaIdentity.of(schema))) {
                return v;
            }
        }
        throw RegistryError.schemaNotFound("subject '" + subject + "' has no version with this schema");
    }

    /** A live version by number or {@code latest} (also {@code -1}). */
    Version version(String subject, String version) {
        List<Version> live = store.liveVersions(subject);
        if (live.isEmpty()) {
            throw RegistryError.subjectNotFound(subject);
        }
        if ("latest".equals(version) || "-1".equals(version)) {
            return live.get(live.size() - 1);
        }
        int n;
        try {
            n = Integer.parseInt(version);
        } catch (NumberFormatException e) {
            throw RegistryError.invalidVersion(version);
        }
        if (n < 1) {
            throw RegistryError.invalidVersion(version);
        }
        Version v = store.version(subject, n);
        if (v == null || v.deleted()) {
            throw RegistryError.versionNotFound(subject, n);
        }
        return v;
    }

    /** Problems of registering {@code schema} next, checked against one version (or all under transitive modes). */
    List<String> compatibilityProblems(String subject, String version, Schema schema) {
        CompatibilityLevel level = store.effectiveLevel(subject);
        if (version == null) {
            List<Version> live = store.liveVersions(subject);
            if (live.isEmpty()) {
                throw RegistryError.subjectNotFound(subject);
            }
            return level.problems(schema, schemas(live));
        }
        Version against = version(subject, version);
        return level.problems(schema, List.of(store.schema(against.id())));
    }

    synchronized List<Integer> deleteSubject(String subject) {
        log.syncToEnd(timeout);
        List<Version> live = store.liveVersions(subject);
        if (live.isEmpty()) {
            throw RegistryError.subjectNotFound(subject);
        }
        for (Version v : live) {
            log.appendSchema(subject, v.version(), v.id(), store.schema(v.id()).toString(), true, timeout);
        }
        return live.stream().map(Version::version).toList();
    }

    synchronized int deleteVersion(String subject, String version) {
        log.syncToEnd(timeout);
        Version v = version(subject, version);
        log.appendSchema(subject, v.version(), v.id(), store.schema(v.id()).toString(), true, timeout);
        return v.version();
    }

    synchronized void setLevel(String subject, CompatibilityLevel level) {
        log.appendLevel(subject, level, timeout);
    }

    Schema schema(Version v) {
        return store.schema(v.id());
    }

    SchemaStore store() {
        return store;
    }

    private List<Schema> schemas(List<Version> versions) {
        return versions.stream().map(v -> store.schema(v.id())).toList();
    }
}
