package nowcast.sink.web;

import java.util.List;

import nowcast.sink.alerts.AlertDocument;

/** {@code GET /api/alerts}: the alerts in force and the most recent changes. */
public record AlertsDocument(List<AlertDocument> active, List<AlertDocument> recent) {
}
