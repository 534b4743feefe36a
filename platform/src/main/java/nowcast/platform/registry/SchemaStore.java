package nowcast.platform.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.Schema;

/**
 * The registry's state, rebuilt from the {@code _schemas} log. Records are applied in log order
 * with rules that make every instance reach the same state: a record that would give an id to a
 * second schema, or a version number to a second id, loses to the one logged first.
 */
final class SchemaStore {

    record Version(String subject, int version, int id, boolean deleted) {
    }

    private final TreeMap<Integer, Schema> schemasById = new TreeMap<>();
    private final Map<String, Integer> idsByCanonical = new TreeMap<>();
    private final Map<String, TreeMap<Integer, Version>> subjects = new TreeMap<>();
    private final Map<String, CompatibilityLevel> subjectLevels = new TreeMap<>();
    private CompatibilityLevel globalLevel;

    SchemaStore(CompatibilityLevel defaultLevel) {
        this.globalLevel = defaultLevel;
    }

    synchronized void applySchema(String subject, int version, int id, String schemaText, boolean deleted) {
        Schema schema = new Schema.Parser().parse(schemaText);
        String canonical = SchemaIdentity.of(schema);
        Schema known = schemasById.get(id);
        if (known != null && !SchemaIdentity.of(known).equals(canonical)) {
            return;
        }
        Integer knownId = idsByCanonical.get(canonical);
        if (knownId != null && knownId != id) {
            return;
        }
        TreeMap<Integer, Version> versions = subjects.computeIfAbsent(subject, s -> new TreeMap<>());
        Version existing = versions.get(version);
        if (existing != null && existing.id() != id) {
            return;
        }
        schemasById.putIfAbsent(id, schema);
        idsByCanonical.put(canonical, id);
        versions.put(version, new Version(subject, version, id, deleted));
    }

    synchronized void removeVersion(String subject, int version) {
        TreeMap<Integer, Version> versions = subjects.get(subject);
        if (versions != null) {
            versions.remove(version);
        }
    }

    synchronized void applyLevel(String subject, CompatibilityLevel level) {
        if (subject == null) {
            globalLevel = level;
        } else if (level == null) {
            subjectLevels.remove(subject);
        } else {
            subjectLevels.put(subject, level);
        }
    }

    synchronized Schema schema(int id) {
        return schemasById.get(id);
    }

    synchronized Integer idOf(Schema schema) {
        return idsByCanonical.get(SchemaIdentity.of(schema));
    }

    synchronized int nextId() {
        return schemasById.isEmpty() ? 1 : schemasById.lastKey() + 1;
    }

    synchronized int nextVersion(String subject) {
        TreeMap<Integer, Version> versions = subjects.get(subject);
        return versions == null || versions.isEmpty() ? 1 : versions.lastKey() + 1;
    }

    /** Live (not deleted) versions of a subject, oldest first; empty when the subject is unknown or deleted. */
    synchronized List<Version> liveVersions(String subject) {
        TreeMap<Integer, Version> versions = subjects.get(subject);
        List<Version> out = new ArrayList<>();
        if (versions != null) {
            versions.values().stream().filter(v -> !v.deleted()).forEach(out::add);
        }
        return out;
    }

    synchronized Version version(String subject, int version) {
        TreeMap<Integer, Version> versions = subjects.get(subject);
        return versions == null ? null : versions.get(version);
    }

    synchronized List<String> subjects(boolean includeDeleted) {
        List<String> out = new ArrayList<>();
        subjects.forEach((s, versions) -> {
            if (includeDeleted ? !versions.isEmpty() : versions.values().stream().anyMatch(v -> !v.deleted())) {
                out.add(s);
            }
        });
        return out;
    }

    /** Subjects and versions (live ones) that use a schema id. */
    synchronized List<Version> usages(int id) {
        List<Version> out = new ArrayList<>();
        subjects.values().forEach(vs -> vs.values().stream().filter(v -> v.id() == id && !v.deleted())
                .forEach(out::add));
        return out;
    }

    synchronized CompatibilityLevel globalLevel() {
        return globalLevel;
    }

    /** The subject's own level, or null when it has none. */
    synchronized CompatibilityLevel subjectLevel(String subject) {
        return subjectLevels.get(subject);
    }

    synchronized CompatibilityLevel effectiveLevel(String subject) {
        return subjectLevels.getOrDefault(subject, globalLevel);
    }
}
