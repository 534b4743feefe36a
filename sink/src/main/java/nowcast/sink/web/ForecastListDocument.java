package nowcast.sink.web;

import java.util.List;

/** {@code GET /api/sources/{id}/forecasts}: how many forecasts are stored and the newest of them. */
public record ForecastListDocument(String sourceId, int total, List<Entry> forecasts) {

    /** One stored forecast: its base time, its key in URLs and where its metadata is. */
    public record Entry(String baseTime, String key, String metadataUrl) {
    }
}
