package nowcast.sink.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** JSON of rules (API) and alerts (API, SSE and webhook body); the secret appears only on creation. */
public final class AlertJson {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private AlertJson() {
    }

    public static ObjectNode rule(AlertRule r, boolean withSecret) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("id", r.id()).put("sourceId", r.sourceId());
        ObjectNode area = n.putObject("area");
        if (r.area() instanceof AlertArea.Circle c) {
            area.put("type", "circle").put("lat", c.lat()).put("lon", c.lon()).put("radiusKm", c.radiusKm());
        } else if (r.area() instanceof AlertArea.Polygon p) {
            area.put("type", "polygon");
            ArrayNode pts = area.putArray("points");
            p.vertices().forEach(v -> pts.addArray().add(v[0]).add(v[1]));
        } else {
            area.put("type", "domain");
        }
        n.put("threshold", r.threshold()).put("unit", r.unit());
        n.put("probability", r.probability());
        n.put("accumulationMinutes", r.accumulationMinutes());
        n.put("withinMinutes", r.withinMinutes());
        n.put("webhook", r.webhook());
        n.put("createdAt", r.createdAt().toString());
        if (withSecret) {
            n.put("secret", r.secret());
        }
        return n;
    }

    public static ObjectNode alert(Alert a) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("alertId", a.alertId()).put("ruleId", a.ruleId()).put("sourceId", a.sourceId())
                .put("kind", a.kind() == Alert.Kind.START ? "start" : "all-clear")
                .put("baseTime", a.baseTime().toString()).put("model", a.model())
                .put("threshold", a.threshold()).put("unit", a.unit()).put("probability", a.probability())
                .put("accumulationMinutes", a.accumulationMinutes()).put("withinMinutes", a.withinMinutes())
                .put("maxValue", Double.isFinite(a.maxValue()) ? a.maxValue() : null)
                .put("firstLeadMinutes", a.firstLeadMinutes()).put("areaPixels", a.areaPixels())
                .put("issuedAt", a.issuedAt().toString());
        return n;
    }

    public static String text(ObjectNode n) {
        try {
            return MAPPER.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("JSON encoding failed", e);
        }
    }
}
