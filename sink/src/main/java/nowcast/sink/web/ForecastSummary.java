package nowcast.sink.web;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import nowcast.forecast.Forecast;
import nowcast.frame.Quantity;
import nowcast.sink.store.ColourScales;
import nowcast.sink.store.ForecastFileName;
import nowcast.sink.store.ForecastKey;

/**
 * The summary of a forecast with the URLs of its images, array, metadata and products: the
 * {@code forecast} event and {@code GET /api/sources/{id}/forecasts/latest}. One type for a live
 * forecast and for one rebuilt from its stored metadata (after a restart), so both give the same
 * document. Colour scale and products follow from the quantity, as for a live forecast (the stored
 * metadata's colour scale has more fields, {@code noData} and {@code kind}, which this document
 * never had for live forecasts). {@code endToEndMillis} is a number as the forecast or its metadata
 * has it.
 */
public record ForecastSummary(String sourceId, String baseTime, String key, String product, String quantity,
                              String unit, Integer rows, Integer cols, String model, String createdAt,
                              Number endToEndMillis, String metadataUrl, String arrayUrl, List<Lead> leads,
                              ColourScaleDocument colourScale, ProductsDocument products) {

    /** One lead: its 1-based index, lead time, valid time and image. */
    public record Lead(int index, long leadSeconds, String validTime, String imageUrl) {
    }

    public static ForecastSummary of(Forecast f) {
        ForecastKey key = new ForecastKey(f.sourceId(), f.baseTime());
        Quantity q = f.frames().get(0).quantity();
        List<Lead> leads = new ArrayList<>();
        for (int i = 0; i < f.leadTimes().size(); i++) {
            leads.add(new Lead(i + 1, f.leadTimes().get(i).toSeconds(), f.validTime(i).toString(),
                    DashboardJson.forecastUrl(key, ForecastFileName.leadPng(i + 1))));
        }
        return new ForecastSummary(f.sourceId(), f.baseTime().toString(), key.baseTimeName(), f.product(), q.name(),
                q.unit(), f.frames().get(0).rows(), f.frames().get(0).cols(),
                f.model() == null ? null : f.model().name(),
                f.createdAt() == null ? null : f.createdAt().toString(),
                f.timings() == null ? null : f.timings().endToEndMillis(),
                DashboardJson.forecastUrl(key, ForecastFileName.METADATA),
                DashboardJson.forecastUrl(key, ForecastFileName.ARRAY), leads,
                ColourScaleDocument.of(ColourScales.forQuantity(q)),
                ProductsDocument.of(key, q, f.frames().get(0).channels(), f.leadTimes().size()));
    }

    /** The summary rebuilt from a forecast's stored metadata ({@link ForecastFileName#METADATA}). */
    public static ForecastSummary fromStored(ForecastKey key, JsonNode meta) {
        List<Lead> leads = new ArrayList<>();
        for (JsonNode l : meta.path("leads")) {
            leads.add(new Lead(l.path("index").asInt(), l.path("leadSeconds").asLong(), l.path("validTime").asText(),
                    DashboardJson.forecastUrl(key, l.path("png").asText())));
        }
        JsonNode grid = meta.path("grid");
        Quantity q = Quantity.valueOf(meta.path("quantity").asText());
        return new ForecastSummary(key.sourceId(), key.baseTime().toString(), key.baseTimeName(),
                text(meta.get("product")), text(meta.get("quantity")), text(meta.get("unit")),
                integer(grid.get("rows")), integer(grid.get("cols")), text(meta.path("model").get("name")),
                text(meta.get("createdAt")), number(meta.path("timings").get("endToEndMillis")),
                DashboardJson.forecastUrl(key, ForecastFileName.METADATA),
                DashboardJson.forecastUrl(key, ForecastFileName.ARRAY), leads,
                ColourScaleDocument.of(ColourScales.forQuantity(q)),
                ProductsDocument.of(key, q, grid.path("channels").asInt(1), meta.path("leads").size()));
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }

    private static Integer integer(JsonNode n) {
        return n == null || n.isNull() ? null : n.asInt();
    }

    private static Number number(JsonNode n) {
        return n == null || !n.isNumber() ? null : n.numberValue();
    }
}
