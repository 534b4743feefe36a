package nowcast.sink.alerts;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A rule as JSON (docs/sink.md): its unset options are null; the secret that signs its webhook calls
 * is there only in the answer to its creation and absent otherwise.
 */
public record RuleDocument(String id, String sourceId, Area area, double threshold, String unit, Double probability,
                           Integer accumulationMinutes, int withinMinutes, String webhook, String createdAt,
                           @JsonInclude(JsonInclude.Include.NON_NULL) String secret) {

    /** The area: a circle (lat, lon, radiusKm), a polygon (points as [lat, lon]) or the whole domain. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Area(String type, Double lat, Double lon, Double radiusKm, List<double[]> points) {

        static Area of(AlertArea area) {
            if (area instanceof AlertArea.Circle c) {
                return new Area("circle", c.lat(), c.lon(), c.radiusKm(), null);
            }
            if (area instanceof AlertArea.Polygon p) {
                return new Area("polygon", null, null, null, p.vertices().stream()
                        .map(v -> new double[] {v[0], v[1]}).toList());
            }
            return new Area("domain", null, null, null, null);
        }
    }

    public static RuleDocument of(AlertRule r, boolean withSecret) {
        return new RuleDocument(r.id(), r.sourceId(), Area.of(r.area()), r.threshold(), r.unit(), r.probability(),
                r.accumulationMinutes(), r.withinMinutes(), r.webhook(), r.createdAt().toString(),
                withSecret ? r.secret() : null);
    }
}
