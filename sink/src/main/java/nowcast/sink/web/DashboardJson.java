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

    static String text(Object document) {
        return SinkJson.text(document);
    }

    static void send(Context ctx, Object document) {
        ctx.contentType("application/json").result(text(document));
    }

    static String forecastUrl(ForecastKey key, String file) {
        return "/api/sources/" + key.sourceId() + "/forecasts/" + key.baseTimeName() + "/" + file;
    }
}
