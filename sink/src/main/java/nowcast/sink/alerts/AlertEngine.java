package nowcast.sink.alerts;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import nowcast.forecast.Forecast;
import nowcast.products.Calibration;
import nowcast.products.ForecastProducts;
import nowcast.sink.map.MapViews;

/**
 * Checks each forecast against every rule of its source and issues an alert only when a rule's state
 * changes: START when it becomes true, ALL_CLEAR when it stops being true, never one per forecast. A
 * rule's state is the last alert it had (restored from the alerts topic at start-up, so a restarted
 * sink neither repeats a start nor forgets one), and forecasts not newer than the forecast that last
 * changed it are ignored: a replay after a crash issues nothing twice.
 */
public final class AlertEngine {

    private static final Logger LOG = LoggerFactory.getLogger(AlertEngine.class);

    /** A rule's state: whether it holds, since which forecast, and the last forecast it was checked on. */
    public record State(boolean active, Alert lastChange, Instant lastChecked) {
    }

    private final RuleBook rules;
    private final RuleCheck check;
    private final Consumer<Alert> issue;
    private final Clock clock;
    private final Map<String, State> states = new ConcurrentHashMap<>();

    /** Makes the engine once the issuer (which needs the engine's owner) is known. */
    @FunctionalInterface
    public interface Factory {
        AlertEngine create(Consumer<Alert> issue);
    }

    public AlertEngine(RuleBook rules, MapViews views, Calibration calibration, Consumer<Alert> issue, Clock clock) {
        this.rules = rules;
        this.check = new RuleCheck(views, calibration);
        this.issue = issue;
        this.clock = clock;
    }

    /** Takes an alert read back from the alerts topic as the rule's current state. */
    public void restore(Alert alert) {
        states.merge(alert.ruleId(), new State(alert.kind() == Alert.Kind.START, alert, alert.baseTime()),
                (old, now) -> now.lastChange().baseTime().isBefore(old.lastChange().baseTime()) ? old : now);
    }

    /** Forgets a deleted rule. */
    public void forget(String ruleId) {
        states.remove(ruleId);
        check.forget(ruleId);
    }

    /** Checks one forecast; the alerts it caused, in rule order (also handed to the issuer). */
    public List<Alert> onForecast(Forecast f, ForecastProducts products) {
        List<Alert> out = new ArrayList<>();
        for (AlertRule rule : rules.ofSource(f.sourceId())) {
            State s = states.get(rule.id());
            if (s != null && s.lastChecked() != null && !f.baseTime().isAfter(s.lastChecked())) {
                continue;
            }
            RuleCheck.Outcome o;
            try {
                o = check.check(rule, f, products);
            } catch (RuntimeException e) {
                LOG.warn("rule {} cannot be checked against the forecast of {} at {}: {}", rule.id(), f.sourceId(),
                        f.baseTime(), e.toString());
                continue;
            }
            boolean wasActive = s != null && s.active();
            if (o.holds() != wasActive) {
                Alert a = new Alert(rule.id(), f.sourceId(), o.holds() ? Alert.Kind.START : Alert.Kind.ALL_CLEAR,
                        f.baseTime(), f.model() == null ? null : f.model().name(), rule.threshold(), rule.unit(),
                        rule.probability(), rule.accumulationMinutes(), rule.withinMinutes(), o.maxValue(),
                        o.holds() ? o.firstLeadMinutes() : null, o.areaPixels(), clock.instant());
                states.put(rule.id(), new State(o.holds(), a, f.baseTime()));
                out.add(a);
                issue.accept(a);
            } else {
                states.put(rule.id(), new State(wasActive, s == null ? null : s.lastChange(), f.baseTime()));
            }
        }
        return out;
    }

    /** The alerts of the rules that hold now, newest first. */
    public List<Alert> active() {
        List<Alert> out = new ArrayList<>();
        states.forEach((id, s) -> {
            if (s.active() && s.lastChange() != null && rules.get(id).isPresent()) {
                out.add(s.lastChange());
            }
        });
        out.sort(Comparator.comparing(Alert::baseTime).reversed());
        return out;
    }

    public State state(String ruleId) {
        return states.get(ruleId);
    }
}
