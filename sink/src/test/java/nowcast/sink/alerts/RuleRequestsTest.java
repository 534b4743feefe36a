package nowcast.sink.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import nowcast.frame.Quantity;

class RuleRequestsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RuleRequests requests = new RuleRequests(id -> switch (id) {
        case "nl" -> Optional.of(new SourceFacts(Quantity.RAIN_RATE, Storms.GEO, Storms.SIZE, Storms.SIZE));
        case "cam" -> Optional.of(new SourceFacts(Quantity.GREY_LEVEL, null, 32, 32));
        case "stored" -> Optional.of(new SourceFacts(null, null, 0, 0));
        default -> Optional.empty();
    }, new WebhookPolicy(false), Clock.systemUTC());

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    private String centre() {
        double[] ll = Storms.lonLat(32, 32);
        return "'lat': " + ll[1] + ", 'lon': " + ll[0];
    }

    @Test
    void theMinimalRuleOfTheIssueIsAccepted() throws Exception {
        AlertRule r = requests.parse(json("{'source': 'nl', 'area': {'type': 'circle', " + centre()
                + ", 'radiusKm': 10}, 'threshold': 5, 'withinMinutes': 30}"));
        assertThat(r.sourceId()).isEqualTo("nl");
        assertThat(r.unit()).isEqualTo("mm/h");
        assertThat(r.probability()).isNull();
        assertThat(r.secret()).hasSizeGreaterThanOrEqualTo(40);
        assertThat(r.id()).matches("[0-9a-f-]{36}");
        AlertRule acc = requests.parse(json("{'source': 'nl', 'area': {'type': 'domain'}, 'threshold': 10, "
                + "'accumulationMinutes': 60}"));
        assertThat(acc.unit()).isEqualTo("mm");
        assertThat(acc.withinMinutes()).isEqualTo(60);
        double[] a = Storms.lonLat(20, 20);
        double[] b = Storms.lonLat(20, 44);
        double[] c = Storms.lonLat(44, 32);
        AlertRule polygon = requests.parse(json("{'source': 'nl', 'area': {'type': 'polygon', 'points': [["
                + a[1] + ", " + a[0] + "], [" + b[1] + ", " + b[0] + "], [" + c[1] + ", " + c[0] + "]]}, "
                + "'threshold': 1, 'withinMinutes': 10, 'probability': 0.3}"));
        assertThat(((AlertArea.Polygon) polygon.area()).vertices()).hasSize(3);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unknown source|{'source': 'mars', 'area': {'type': 'domain'}, 'threshold': 5, 'withinMinutes': 30}|unknown source 'mars'",
        "no source|{'area': {'type': 'domain'}, 'threshold': 5, 'withinMinutes': 30}|'source' is required",
        "unknown field|{'source': 'nl', 'area': {'type': 'domain'}, 'threshold': 5, 'withinMinutes': 30, 'treshold': 1}|unknown field 'treshold'",
        "latitude out of range|{'source': 'nl', 'area': {'type': 'circle', 'lat': 95, 'lon': 5, 'radiusKm': 10}, 'threshold': 5, 'withinMinutes': 30}|area.lat must be a number in [-90, 90]",
        "negative radius|{'source': 'nl', 'area': {'type': 'circle', 'lat': 52, 'lon': 5, 'radiusKm': -1}, 'threshold': 5, 'withinMinutes': 30}|area.radiusKm",
        "two-point polygon|{'source': 'nl', 'area': {'type': 'polygon', 'points': [[52, 4], [53, 5]]}, 'threshold': 5, 'withinMinutes': 30}|3 to 500 [lat, lon] pairs",
        "flat polygon|{'source': 'nl', 'area': {'type': 'polygon', 'points': [[52, 4], [52, 5], [52, 6]]}, 'threshold': 5, 'withinMinutes': 30}|enclose no area",
        "unknown area type|{'source': 'nl', 'area': {'type': 'square'}, 'threshold': 5, 'withinMinutes': 30}|area.type must be",
        "area outside the grid|{'source': 'nl', 'area': {'type': 'circle', 'lat': -33.9, 'lon': 151.2, 'radiusKm': 10}, 'threshold': 5, 'withinMinutes': 30}|outside the forecast grid",
        "circle on a source without geo|{'source': 'cam', 'area': {'type': 'circle', 'lat': 52, 'lon': 5, 'radiusKm': 10}, 'threshold': 0.5, 'withinMinutes': 30}|no geo-reference",
        "rain rate threshold too high|{'source': 'nl', 'area': {'type': 'domain'}, 'threshold': 900, 'withinMinutes': 30}|'threshold' must be in (0, 500] mm/h",
        "zero threshold|{'source': 'nl', 'area': {'type': 'domain'}, 'threshold': 0, 'withinMinutes': 30}|'threshold' must be in (0",
        "threshold not a number|{'source': 'nl', 'area': {'type': 'domain'}, 'threshold': 'lots', 'withinMinutes': 30}|'threshold' must be a number",
        "probability above 1|{'source': 'nl', 'area': {'type': 'domain'}, 'threshold': 5, 'probability': 1.5, 'withinMinutes': 30}|'probability' must be in (0, 1]",
        "probability and accumulation|{'source': 'nl', 'area': {'type': 'domain'}, 'threshold': 5, 'probability': 0.5, 'accumulationMinutes': 30}|either 'probability' or 'accumulationMinutes'",
        "accumulation of imagery|{'source': 'cam', 'area': {'type': 'domain'}, 'threshold': 5, 'accumulationMinutes': 30}|no rain accumulation",
        "accumulation over two hours|{'source': 'nl', 'area': {'type': 'domain'}, 'threshold': 5, 'accumulationMinutes': 120}|'accumulationMinutes' must be a whole number of minutes in 1..60",
        "no look-ahead|{'source': 'nl', 'area': {'type': 'domain'}, 'threshold': 5}|'withinMinutes' is required",
        "fractional minutes|{'source': 'nl', 'area': {'type': 'domain'}, 'threshold': 5, 'withinMinutes': 2.5}|'withinMinutes' must be a whole number",
        "wrong unit|{'source': 'nl', 'area': {'type': 'domain'}, 'threshold': 5, 'withinMinutes': 30, 'unit': 'dBZ'}|in mm/h, not 'dBZ'",
        "ftp webhook|{'source': 'nl', 'area': {'type': 'domain'}, 'threshold': 5, 'withinMinutes': 30, 'webhook': 'ftp://example.org/x'}|must be an http:// or https:// URL",
        "loopback webhook|{'source': 'nl', 'area': {'type': 'domain'}, 'threshold': 5, 'withinMinutes': 30, 'webhook': 'http://127.0.0.1:9/x'}|private or local address 127.0.0.1",
        "private network webhook|{'source': 'nl', 'area': {'type': 'domain'}, 'threshold': 5, 'withinMinutes': 30, 'webhook': 'http://10.1.2.3/x'}|private or local address 10.1.2.3",
        "metadata service webhook|{'source': 'nl', 'area': {'type': 'domain'}, 'threshold': 5, 'withinMinutes': 30, 'webhook': 'http://169.254.169.254/latest'}|private or local address 169.254.169.254",
        "IPv6 loopback webhook|{'source': 'nl', 'area': {'type': 'domain'}, 'threshold': 5, 'withinMinutes': 30, 'webhook': 'http://[::1]:8080/x'}|private or local address",
        "credentials in webhook|{'source': 'nl', 'area': {'type': 'domain'}, 'threshold': 5, 'withinMinutes': 30, 'webhook': 'https://user:pw@example.org/x'}|credentials",
    })
    void badRulesAreRefusedWithTheReason(String what, String body, String message) throws Exception {
        JsonNode n = json(body);
        assertThatThrownBy(() -> requests.parse(n)).as(what).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void privateTargetsPassWhenTheSinkAllowsThem() throws Exception {
        RuleRequests open = new RuleRequests(id -> Optional.of(new SourceFacts(Quantity.RAIN_RATE, null, 8, 8)),
                new WebhookPolicy(true), Clock.systemUTC());
        AlertRule r = open.parse(json("{'source': 'nl', 'area': {'type': 'domain'}, 'threshold': 5, "
                + "'withinMinutes': 30, 'webhook': 'http://127.0.0.1:9/x'}"));
        assertThat(r.webhook()).isEqualTo("http://127.0.0.1:9/x");
    }

    @Test
    void aSourceKnownOnlyFromTheStoreTakesAnyFiniteThreshold() throws Exception {
        AlertRule r = requests.parse(json("{'source': 'stored', 'area': {'type': 'domain'}, 'threshold': 35, "
                + "'withinMinutes': 30}"));
        assertThat(r.threshold()).isEqualTo(35.0);
    }
}
