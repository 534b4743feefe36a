package nowcast.sink.web;

import io.javalin.http.Context;

import nowcast.sink.SinkJson;
import nowcast.sink.store.ForecastKey;

/**
 * How the HTTP API answers with a document (a record type, docs/sink.md "HTTP API") and where a
 * forecast's files are.
 */
final class DashboardJson {

    private DashboardJson() {
    }

    static void send(Context ctx, Object document) {
        ctx.contentType("application/json").result(SinkJson.text(document));
    }

    /** A measured value, or null where there is none yet (NaN) or it is not finite. */
    static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    static String forecastUrl(ForecastKey key, String file) {
        return "/api/sources/" + key.sourceId() + "/forecasts/" + key.baseTimeName() + "/" + file;
    }
}
