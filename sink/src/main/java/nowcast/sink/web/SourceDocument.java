package nowcast.sink.web;

import java.time.Instant;

/** One source as the API and the {@code hello} event list it; what is not known yet is null. */
public record SourceDocument(String id, String status, String product, String quantity, String unit,
                             Long cadenceSeconds, String lastFrameTime, String lastFrameReceived,
                             String lastForecastBaseTime, String lastForecastReceived, String model, long frames,
                             long forecasts) {

    static SourceDocument of(SourceBoard.SourceStatus s) {
        return new SourceDocument(s.sourceId(), s.status(), s.product(),
                s.quantity() == null ? null : s.quantity().name(), s.quantity() == null ? null : s.quantity().unit(),
                s.cadence() == null ? null : s.cadence().toSeconds(), time(s.lastFrameTime()),
                time(s.lastFrameReceived()), time(s.lastForecastBaseTime()), time(s.lastForecastReceived()),
                s.model(), s.frames(), s.forecasts());
    }

    private static String time(Instant t) {
        return t == null ? null : t.toString();
    }
}
