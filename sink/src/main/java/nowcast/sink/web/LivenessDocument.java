package nowcast.sink.web;

/** {@code GET /health}: the server answers, and which store it serves. */
public record LivenessDocument(String status, String store) {

    static LivenessDocument up(String store) {
        return new LivenessDocument("UP", store);
    }
}
