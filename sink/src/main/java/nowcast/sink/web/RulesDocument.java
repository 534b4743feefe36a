package nowcast.sink.web;

import java.util.List;

/** {@code GET /api/alerts/rules}: every rule, oldest first. */
public record RulesDocument(List<RuleStatus> rules) {
}
