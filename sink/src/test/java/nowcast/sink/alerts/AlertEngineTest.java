package nowcast.sink.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import nowcast.forecast.Forecast;
import nowcast.products.Calibration;
import nowcast.products.ForecastProducts;
import nowcast.sink.map.MapViews;

class AlertEngineTest {

    /** A 6 km circle around pixel (32, 40): the storm (centre 4 + 2 step) passes it between steps 12 and 24. */
    static AlertRule rule(String id, Double probability, Integer accumulation, int within) {
        double[] ll = Storms.lonLat(32, 40);
        return new AlertRule(id, "nl", new AlertArea.Circle(ll[1], ll[0], 6), accumulation == null ? 5 : 1, "mm/h",
                probability, accumulation, within, null, "secret", Storms.T0);
    }

    private static List<Alert> run(AlertEngine engine, int from, int to) {
        List<Alert> out = new ArrayList<>();
        for (int base = from; base <= to; base++) {
            Forecast f = Storms.forecast("nl", base);
            out.addAll(engine.onForecast(f, ForecastProducts.of(f.frames(), f.leadTimes())));
        }
        return out;
    }

    @Test
    void aStormPassingTheCircleStartsOneAlertAndClearsItOnce() {
        RuleBook book = new RuleBook();
        book.put(rule("r1", null, null, 15));
        List<Alert> issued = new ArrayList<>();
        AlertEngine engine = new AlertEngine(book, new MapViews(), Calibration.shipped(), issued::add,
                Clock.systemUTC());
        List<Alert> alerts = run(engine, 0, 30);

        assertThat(alerts).extracting(Alert::kind).containsExactly(Alert.Kind.START, Alert.Kind.ALL_CLEAR);
        assertThat(issued).isEqualTo(alerts);
        Alert start = alerts.get(0);
        // the cell edge (radius 6 px) reaches the circle (3 px around col 40) when 4 + 2 (b + k) >= 31, k <= 3
        assertThat(start.baseTime()).isEqualTo(Storms.T0.plus(Storms.CADENCE.multipliedBy(11)));
        assertThat(start.firstLeadMinutes()).isEqualTo(15);
        assertThat(start.maxValue()).isEqualTo(20.0);
        assertThat(start.areaPixels()).isBetween(20, 40);
        // cleared once the cell has left the circle at every lead up to 15 min: 4 + 2 (b + 1) - 6 > 40 + 3
        assertThat(alerts.get(1).baseTime()).isEqualTo(Storms.T0.plus(Storms.CADENCE.multipliedBy(22)));
        assertThat(engine.active()).isEmpty();
    }

    @Test
    void aRestoredStateNeitherRepeatsTheStartNorForgetsIt() {
        RuleBook book = new RuleBook();
        book.put(rule("r1", null, null, 15));
        AlertEngine first = new AlertEngine(book, new MapViews(), Calibration.shipped(), a -> { }, Clock.systemUTC());
        List<Alert> before = run(first, 0, 15);
        assertThat(before).extracting(Alert::kind).containsExactly(Alert.Kind.START);

        // a new engine (a restarted sink) that read the alerts topic, and a replay from an older forecast
        AlertEngine second = new AlertEngine(book, new MapViews(), Calibration.shipped(), a -> { }, Clock.systemUTC());
        before.forEach(second::restore);
        assertThat(second.active()).hasSize(1);
        List<Alert> after = run(second, 8, 30);
        assertThat(after).extracting(Alert::kind).containsExactly(Alert.Kind.ALL_CLEAR);
    }

    @Test
    void probabilityAndAccumulationRulesUseTheProducts() {
        RuleBook book = new RuleBook();
        book.put(rule("p", 0.5, null, 30));
        book.put(rule("acc", null, 30, 30));
        AlertEngine engine = new AlertEngine(book, new MapViews(), Calibration.shipped(), a -> { }, Clock.systemUTC());
        List<Alert> alerts = run(engine, 0, 12);
        assertThat(alerts).extracting(Alert::ruleId).containsExactlyInAnyOrder("p", "acc");
        Alert p = alerts.stream().filter(a -> a.ruleId().equals("p")).findFirst().orElseThrow();
        assertThat(p.maxValue()).isBetween(0.5, 1.0);
        Alert acc = alerts.stream().filter(a -> a.ruleId().equals("acc")).findFirst().orElseThrow();
        // at least one lead of 20 mm/h for 5 minutes: 1.67 mm
        assertThat(acc.maxValue()).isGreaterThanOrEqualTo(1.0);
    }

    @Test
    void aRuleWhoseAreaMissesTheGridNeverFires() {
        RuleBook book = new RuleBook();
        book.put(new AlertRule("far", "nl", new AlertArea.Circle(-33.9, 151.2, 10), 1, "mm/h", null, null, 60,
                null, "s", Storms.T0));
        AlertEngine engine = new AlertEngine(book, new MapViews(), Calibration.shipped(), a -> { }, Clock.systemUTC());
        assertThat(run(engine, 0, 30)).isEmpty();
    }
}
