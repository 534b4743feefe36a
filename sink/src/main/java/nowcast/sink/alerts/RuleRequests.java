package nowcast.sink.alerts;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;

import nowcast.frame.Quantity;
import nowcast.products.RainAmounts;
import nowcast.sink.map.MapProjection;

/**
 * Turns the JSON body of {@code POST /api/alerts/rules} into a rule, or an IllegalArgumentException
 * whose message says what is wrong and where (the API answers 400 with it). Unknown fields are
 * refused, so a misspelt option is not silently ignored.
 */
public final class RuleRequests {

    private static final Set<String> FIELDS = Set.of("source", "area", "threshold", "unit", "probability",
            "accumulationMinutes", "withinMinutes", "webhook");
    static final double MAX_RADIUS_KM = 1000;
    static final int MAX_POLYGON_POINTS = 500;
    static final int MAX_WITHIN_MINUTES = 24 * 60;
    static final int MAX_ACCUMULATION_MINUTES = 60;

    private final Function<String, Optional<SourceFacts>> sources;
    private final WebhookPolicy webhooks;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public RuleRequests(Function<String, Optional<SourceFacts>> sources, WebhookPolicy webhooks, Clock clock) {
        this.sources = sources;
        this.webhooks = webhooks;
        this.clock = clock;
    }

    public AlertRule parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new IllegalArgumentException("the rule must be a JSON object");
        }
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!FIELDS.contains(name)) {
                throw new IllegalArgumentException("unknown field '" + name + "'; a rule has " + FIELDS);
            }
        }
        String source = text(body, "source");
        if (source == null) {
            throw new IllegalArgumentException("field 'source' is required");
        }
        SourceFacts facts = sources.apply(source).orElseThrow(() ->
                new IllegalArgumentException("unknown source '" + source + "'"));
        Integer accumulation = integer(body, "accumulationMinutes", 1, MAX_ACCUMULATION_MINUTES);
        Double probability = number(body, "probability");
        if (probability != null && !(probability > 0 && probability <= 1)) {
            throw new IllegalArgumentException("field 'probability' must be in (0, 1], got " + probability);
        }
        if (probability != null && accumulation != null) {
            throw new IllegalArgumentException("a rule has either 'probability' or 'accumulationMinutes', not both "
                    + "(probabilities of accumulations are not made)");
        }
        Integer within = integer(body, "withinMinutes", 1, MAX_WITHIN_MINUTES);
        if (within == null) {
            if (accumulation == null) {
                throw new IllegalArgumentException("field 'withinMinutes' is required");
            }
            within = accumulation;
        }
        if (accumulation != null && within < accumulation) {
            throw new IllegalArgumentException("'withinMinutes' (" + within + ") must be at least "
                    + "'accumulationMinutes' (" + accumulation + ")");
        }
        Double threshold = number(body, "threshold");
        if (threshold == null) {
            throw new IllegalArgumentException("field 'threshold' is required");
        }
        String unit = checkThreshold(facts, threshold, accumulation);
        String givenUnit = text(body, "unit");
        if (givenUnit != null && !givenUnit.equals(unit)) {
            throw new IllegalArgumentException("the threshold of this rule is in " + unit + ", not '" + givenUnit + "'");
        }
        AlertArea area = area(body.get("area"), facts);
        String webhook = text(body, "webhook");
        if (webhook != null) {
            webhooks.check(webhook);
        }
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        return new AlertRule(UUID.randomUUID().toString(), source, area, threshold, unit, probability, accumulation,
                within, webhook, Base64.getUrlEncoder().withoutPadding().encodeToString(secret), clock.instant());
    }

    private static String checkThreshold(SourceFacts facts, double threshold, Integer accumulation) {
        if (!Double.isFinite(threshold)) {
            throw new IllegalArgumentException("field 'threshold' must be a finite number");
        }
        if (accumulation != null) {
            if (facts.live() && !RainAmounts.supports(facts.quantity())) {
                throw new IllegalArgumentException("source forecasts " + facts.quantity() + ", which has no rain "
                        + "accumulation");
            }
            range(threshold, 0, 1000, "mm", true);
            return "mm";
        }
        if (!facts.live()) {
            return "";
        }
        Quantity q = facts.quantity();
        switch (q) {
            case RAIN_RATE -> range(threshold, 0, 500, q.unit(), true);
            case ACCUMULATION -> range(threshold, 0, 1000, q.unit(), true);
            case REFLECTIVITY -> range(threshold, -32, 95, q.unit(), false);
            case VIL -> range(threshold, 0, 100, q.unit(), true);
            case VISIBLE, GREY_LEVEL -> range(threshold, 0, 1, q.unit(), true);
        }
        return q.unit();
    }

    private static void range(double v, double min, double max, String unit, boolean exclusiveMin) {
        boolean ok = (exclusiveMin ? v > min : v >= min) && v <= max;
        if (!ok) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "field 'threshold' must be in %s%s, %s] %s, got %s",
                    exclusiveMin ? "(" : "[", fmt(min), fmt(max), unit, fmt(v)));
        }
    }

    private AlertArea area(JsonNode n, SourceFacts facts) {
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("field 'area' is required: {\"type\": \"circle\", \"lat\", \"lon\", "
                    + "\"radiusKm\"}, {\"type\": \"polygon\", \"points\": [[lat, lon], ...]} or {\"type\": \"domain\"}");
        }
        String type = n.path("type").asText("").toLowerCase(Locale.ROOT);
        AlertArea area = switch (type) {
            case "domain" -> new AlertArea.Domain();
            case "circle" -> {
                double lat = coordinate(n, "lat", 90);
                double lon = coordinate(n, "lon", 180);
                JsonNode r = n.get("radiusKm");
                if (r == null || !r.isNumber() || !(r.asDouble() > 0 && r.asDouble() <= MAX_RADIUS_KM)) {
                    throw new IllegalArgumentException("area.radiusKm must be a number in (0, " + fmt(MAX_RADIUS_KM)
                            + "] km, got " + r);
                }
                yield new AlertArea.Circle(lat, lon, r.asDouble());
            }
            case "polygon" -> polygon(n.get("points"));
            default -> throw new IllegalArgumentException("area.type must be 'circle', 'polygon' or 'domain', got '"
                    + n.path("type").asText() + "'");
        };
        if (area instanceof AlertArea.Domain) {
            return area;
        }
        if (facts.live() && facts.geo() == null) {
            throw new IllegalArgumentException("source has no geo-reference: its rules take {\"type\": \"domain\"}");
        }
        if (facts.geo() != null) {
            MapProjection p = MapProjection.of(facts.geo(), facts.rows(), facts.cols());
            if (AreaMask.of(area, p).isEmpty()) {
                throw new IllegalArgumentException("the area lies outside the forecast grid of this source");
            }
        }
        return area;
    }

    private static AlertArea.Polygon polygon(JsonNode points) {
        if (points == null || !points.isArray() || points.size() < 3 || points.size() > MAX_POLYGON_POINTS) {
            throw new IllegalArgumentException("area.points must be an array of 3 to " + MAX_POLYGON_POINTS
                    + " [lat, lon] pairs");
        }
        List<double[]> vertices = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            JsonNode p = points.get(i);
            if (!p.isArray() || p.size() != 2 || !p.get(0).isNumber() || !p.get(1).isNumber()) {
                throw new IllegalArgumentException("area.points[" + i + "] must be [lat, lon], got " + p);
            }
            double lat = p.get(0).asDouble();
            double lon = p.get(1).asDouble();
            if (!(Math.abs(lat) <= 90) || !(Math.abs(lon) <= 180)) {
                throw new IllegalArgumentException("area.points[" + i + "] = " + p + " is not a lat/lon in degrees");
            }
            vertices.add(new double[] {lat, lon});
        }
        double twiceArea = 0;
        for (int i = 0, j = vertices.size() - 1; i < vertices.size(); j = i++) {
            twiceArea += vertices.get(j)[1] * vertices.get(i)[0] - vertices.get(i)[1] * vertices.get(j)[0];
        }
        if (Math.abs(twiceArea) < 1e-12) {
            throw new IllegalArgumentException("area.points enclose no area");
        }
        return new AlertArea.Polygon(vertices);
    }

    private static double coordinate(JsonNode n, String name, double limit) {
        JsonNode v = n.get(name);
        if (v == null || !v.isNumber() || !(Math.abs(v.asDouble()) <= limit)) {
            throw new IllegalArgumentException("area." + name + " must be a number in [-" + fmt(limit) + ", "
                    + fmt(limit) + "], got " + v);
        }
        return v.asDouble();
    }

    private static String text(JsonNode body, String name) {
        JsonNode v = body.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException("field '" + name + "' must be a non-empty string");
        }
        return v.asText();
    }

    private static Double number(JsonNode body, String name) {
        JsonNode v = body.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isNumber()) {
            throw new IllegalArgumentException("field '" + name + "' must be a number, got " + v);
        }
        return v.asDouble();
    }

    private static Integer integer(JsonNode body, String name, int min, int max) {
        JsonNode v = body.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || v.asLong() < min || v.asLong() > max) {
            throw new IllegalArgumentException("field '" + name + "' must be a whole number of minutes in " + min
                    + ".." + max + ", got " + v);
        }
        return v.asInt();
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
