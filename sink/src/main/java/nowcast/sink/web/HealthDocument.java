package nowcast.sink.web;

import nowcast.sink.health.SinkHealth;

/**
 * {@code GET /api/health}: the sink's counters and timings with the dashboard's own (SSE clients,
 * dropped events). An unknown lag and timings not measured yet are null.
 */
public record HealthDocument(Long consumerLag, Double lastEndToEndMillis, Double meanEndToEndMillis,
                             Double lastStoreDelayMillis, double forecastsPerMinute, long forecasts, long frames,
                             long scores, long failures, long uptimeSeconds, int sseClients, long droppedEvents,
                             int pendingVerifications, String store) {

    static HealthDocument of(SinkHealth.Snapshot h, int sseClients, long droppedEvents, int pending, String store) {
        return new HealthDocument(h.consumerLag() < 0 ? null : h.consumerLag(), DashboardJson.finite(h.lastEndToEndMillis()),
                DashboardJson.finite(h.meanEndToEndMillis()), DashboardJson.finite(h.lastStoreDelayMillis()), h.forecastsPerMinute(),
                h.forecasts(), h.frames(), h.scores(), h.failures(), h.uptime().toSeconds(), sseClients,
                droppedEvents, pending, store);
    }
}
