package nowcast.sink.alerts;

/**
 * An alert as JSON: the same document in the API, the {@code alert} SSE event and the webhook body
 * (docs/sink.md). Absent optional values ({@code probability}, {@code accumulationMinutes},
 * {@code firstLeadMinutes}, {@code model}) and a maximum that is not finite are null.
 */
public record AlertDocument(String alertId, String ruleId, String sourceId, String kind, String baseTime,
                            String model, double threshold, String unit, Double probability,
                            Integer accumulationMinutes, int withinMinutes, Double maxValue,
                            Integer firstLeadMinutes, int areaPixels, String issuedAt) {

    public static AlertDocument of(Alert a) {
        return new AlertDocument(a.alertId(), a.ruleId(), a.sourceId(), kindName(a.kind()), a.baseTime().toString(),
                a.model(), a.threshold(), a.unit(), a.probability(), a.accumulationMinutes(), a.withinMinutes(),
                Double.isFinite(a.maxValue()) ? a.maxValue() : null, a.firstLeadMinutes(), a.areaPixels(),
                a.issuedAt().toString());
    }

    /** {@code start} or {@code all-clear}, as the documents name a change. */
    public static String kindName(Alert.Kind kind) {
        return kind == Alert.Kind.START ? "start" : "all-clear";
    }
}
