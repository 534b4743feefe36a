package nowcast.platform.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import org.apache.avro.Schema;

/**
 * When two schema texts are the same schema (same id). Like Confluent, the parsed schema's JSON
 * is compared, docs and defaults included; in addition a numeric default of a float/double field
 * is compared as a double, because clients that round-trip schemas through JavaScript's JSON
 * write {@code 1.0} as {@code 1} and must still get the id that the original has.
 */
final class SchemaIdentity {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SchemaIdentity() {
    }

    static String of(Schema schema) {
        try {
            JsonNode tree = JSON.readTree(schema.toString());
            normalise(tree);
            return tree.toString();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void normalise(JsonNode node) {
        if (node instanceof ArrayNode array) {
            array.forEach(SchemaIdentity::normalise);
        } else if (node instanceof ObjectNode object) {
            JsonNode fields = object.get("fields");
            if (fields instanceof ArrayNode list) {
                for (JsonNode field : list) {
                    if (field instanceof ObjectNode f && f.has("default") && f.get("default").isNumber()
                            && isFloating(f.get("type"))) {
                        f.set("default", DoubleNode.valueOf(f.get("default").doubleValue()));
                    }
                }
            }
            object.forEach(SchemaIdentity::normalise);
        }
    }

    /** Whether a field type (or the first branch of a union, which a default belongs to) is float or double. */
    private static boolean isFloating(JsonNode type) {
        if (type == null) {
            return false;
        }
        if (type.isArray()) {
            return type.size() > 0 && isFloating(type.get(0));
        }
        if (type.isObject()) {
            return isFloating(type.get("type"));
        }
        return "double".equals(type.asText()) || "float".equals(type.asText());
    }
}
