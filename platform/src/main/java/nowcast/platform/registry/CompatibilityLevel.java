package nowcast.platform.registry;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/**
 * Confluent compatibility modes. BACKWARD: the new schema can read data written with the latest
 * one (consumers upgrade first); FORWARD: the latest can read data written with the new one;
 * FULL: both; the _TRANSITIVE variants check every earlier version, not only the latest.
 */
enum CompatibilityLevel {
    NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE;

    static CompatibilityLevel parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw RegistryError.invalidCompatibility(text);
        }
    }

    /**
     * Why the candidate may not follow the existing versions (oldest first); empty when it may.
     */
    List<String> problems(Schema candidate, List<Schema> existing) {
        List<String> out = new ArrayList<>();
        if (this == NONE || existing.isEmpty()) {
            return out;
        }
        boolean transitive = name().endsWith("_TRANSITIVE");
        List<Schema> against = transitive ? existing : List.of(existing.get(existing.size() - 1));
        boolean backward = this != FORWARD && this != FORWARD_TRANSITIVE;
        boolean forward = this != BACKWARD && this != BACKWARD_TRANSITIVE;
        for (Schema old : against) {
            if (backward) {
                check(candidate, old, "new schema cannot read data written with an existing one", out);
            }
            if (forward) {
                check(old, candidate, "an existing schema cannot read data written with the new one", out);
            }
        }
        return out;
    }

    private static void check(Schema reader, Schema writer, String what, List<String> out) {
        var result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getResult();
        if (result.getCompatibility() != SchemaCompatibilityType.COMPATIBLE) {
            for (var inc : result.getIncompatibilities()) {
                out.add(what + ": " + inc.getType() + " at " + inc.getLocation() + " (" + inc.getMessage() + ")");
            }
        }
    }
}
