package nowcast.sink.web;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import nowcast.sink.alerts.Alert;
import nowcast.sink.alerts.AlertDocument;
import nowcast.sink.alerts.AlertEngine;
import nowcast.sink.alerts.AlertRule;
import nowcast.sink.alerts.RuleDocument;

/**
 * A rule as {@code GET /api/alerts/rules} lists it: the rule's fields (without its secret), whether it
 * holds now, its last change and the last forecast checked against it (null where there is none).
 */
public record RuleStatus(@JsonUnwrapped RuleDocument rule, boolean active, String lastChange,
                         String lastChangeBaseTime, String lastCheckedBaseTime) {

    static RuleStatus of(AlertRule r, AlertEngine.State s) {
        Alert last = s == null ? null : s.lastChange();
        return new RuleStatus(RuleDocument.of(r, false), s != null && s.active(),
                last == null ? null : AlertDocument.kindName(last.kind()),
                last == null ? null : last.baseTime().toString(),
                s == null || s.lastChecked() == null ? null : s.lastChecked().toString());
    }
}
