package nowcast.sink.alerts;

import java.time.Instant;

/** A change of a rule's state, as published on the alerts topic, the SSE stream and webhooks. */
public record Alert(String ruleId, String sourceId, Kind kind, Instant baseTime, String model, double threshold,
                    String unit, Double probability, Integer accumulationMinutes, int withinMinutes, double maxValue,
                    Integer firstLeadMinutes, int areaPixels, Instant issuedAt) {

    /** START: the rule became true; ALL_CLEAR: it stopped being true. */
    public enum Kind { START, ALL_CLEAR }

    /** The same change always has the same id, so receivers can drop a repeated delivery. */
    public String alertId() {
        return ruleId + "/" + baseTime + "/" + kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
