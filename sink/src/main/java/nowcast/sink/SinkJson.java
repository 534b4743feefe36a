package nowcast.sink;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The one JSON mapper of the sink: every document it sends (HTTP API, SSE events, webhook bodies) is a
 * record type written by it, so field names and number formatting follow from the types alone.
 */
public final class SinkJson {

    /** Thread-safe once configured; nothing configures it after this line. */
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private SinkJson() {
    }

    /** A record type (or a JSON tree) as JSON text. */
    public static String text(Object document) {
        try {
            return MAPPER.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("JSON encoding of " + document.getClass().getSimpleName() + " failed", e);
        }
    }
}
