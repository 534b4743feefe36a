package nowcast.sink.web;

import java.util.Locale;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;

import nowcast.forecast.Forecast;
import nowcast.frame.Frame;
import nowcast.frame.GeoReference;
import nowcast.frame.GridMapping;
import nowcast.frame.PhysicalField;
import nowcast.products.Accumulation;
import nowcast.products.Exceedance;
import nowcast.sink.map.MapProjection;
import nowcast.sink.map.MapView;
import nowcast.sink.map.MapViews;

/**
 * The map of a source ({@code /api/sources/{id}/map}: view, outlines, lon/lat lattice, where the
 * observation and the forecast lie) and the values at a point ({@code /api/sources/{id}/point}:
 * forecast per lead, accumulations, exceedance probabilities and the latest observation at a lat/lon,
 * or at a forecast-grid row/col for sources without geo-reference).
 */
final class MapApi {

    private final SourceBoard board;
    private final MapViews views;

    MapApi(SourceBoard board, MapViews views) {
        this.board = board;
        this.views = views;
    }

    MapViews views() {
        return views;
    }

    void map(Context ctx, String id) {
        Forecast f = board.latestForecast(id).orElse(null);
        Frame frame = board.latestFrame(id).orElse(null);
        if (f == null && frame == null) {
            throw new HttpResponseException(404, "source '" + id + "' has no frame or forecast yet");
        }
        ObjectNode n = DashboardJson.MAPPER.createObjectNode().put("sourceId", id);
        GeoReference viewGeo = f != null && f.geo() != null ? f.geo() : frame != null ? frame.geo() : null;
        if (viewGeo == null) {
            n.put("georeferenced", false);
            DashboardJson.send(ctx, n);
            return;
        }
        PhysicalField grid = f != null && f.geo() != null ? f.frames().get(0) : frame.field();
        MapView view;
        try {
            view = views.view(viewGeo, grid.rows(), grid.cols());
        } catch (IllegalArgumentException e) {
            n.put("georeferenced", false).put("reason", e.getMessage());
            DashboardJson.send(ctx, n);
            return;
        }
        n.put("georeferenced", true).put("projection", view.projection()).put("units", view.units());
        extent(n.putObject("view"), view.xMin(), view.yMin(), view.xMax(), view.yMax());
        if (frame != null && frame.geo() != null && frame.geo().projection().equals(viewGeo.projection())) {
            extent(n.putObject("observed"), frame.geo().xMin(), frame.geo().yMin(), frame.geo().xMax(),
                    frame.geo().yMax());
        } else if (frame != null && f != null && f.geo() != null && f.gridMapping() != null
                && f.gridMapping().sourceRows() == frame.field().rows()
                && f.gridMapping().sourceCols() == frame.field().cols()) {
            // a frame without its own geo-reference lies where the forecast's grid mapping puts it
            GridMapping m = f.gridMapping();
            double px = (f.geo().xMax() - f.geo().xMin()) / m.cropCols();
            double py = (f.geo().yMax() - f.geo().yMin()) / m.cropRows();
            double xMin = f.geo().xMin() - m.cropCol() * px;
            double yMax = f.geo().yMax() + m.cropRow() * py;
            extent(n.putObject("observed"), xMin, yMax - m.sourceRows() * py, xMin + m.sourceCols() * px, yMax);
        } else {
            n.putNull("observed");
        }
        if (f != null && f.geo() != null) {
            extent(n.putObject("forecast"), f.geo().xMin(), f.geo().yMin(), f.geo().xMax(), f.geo().yMax());
        } else {
            n.putNull("forecast");
        }
        ArrayNode lines = n.putArray("lines");
        for (MapView.Line line : view.lines()) {
            ObjectNode l = lines.addObject().put("border", line.border());
            ArrayNode xy = l.putArray("xy");
            for (double v : line.xy()) {
                xy.add(Math.round(v * 1000) / 1000.0);
            }
        }
        ObjectNode lattice = n.putObject("lattice").put("size", view.latticeSize());
        ArrayNode lon = lattice.putArray("lon");
        ArrayNode lat = lattice.putArray("lat");
        for (int i = 0; i < view.latticeLon().length; i++) {
            lon.add(Math.round(view.latticeLon()[i] * 1e5) / 1e5);
            lat.add(Math.round(view.latticeLat()[i] * 1e5) / 1e5);
        }
        ctx.header("Cache-Control", "no-cache");
        DashboardJson.send(ctx, n);
    }

    void point(Context ctx, String id) {
        SourceBoard.Latest latest = board.latest(id).orElse(null);
        Frame frame = board.latestFrame(id).orElse(null);
        if (latest == null && frame == null) {
            throw new HttpResponseException(404, "source '" + id + "' has no frame or forecast yet");
        }
        String latText = ctx.queryParam("lat");
        String lonText = ctx.queryParam("lon");
        ObjectNode n = DashboardJson.MAPPER.createObjectNode().put("sourceId", id);
        if (latText != null || lonText != null) {
            double lat = number(latText, "lat", -90, 90);
            double lon = number(lonText, "lon", -180, 180);
            n.put("lat", lat).put("lon", lon);
            boolean forecastGeo = latest != null && latest.forecast().geo() != null;
            boolean frameGeo = frame != null && frame.geo() != null;
            if (!forecastGeo && !frameGeo) {
                throw new HttpResponseException(400, "this source has no geo-reference: ask for ?row=&col= on the "
                        + "forecast grid instead of lat/lon");
            }
            if (forecastGeo) {
                forecastAt(n, latest, pixel(latest.forecast().geo(), latest.forecast().frames().get(0), lon, lat));
            }
            if (frameGeo) {
                observedAt(n, frame, pixel(frame.geo(), frame.field(), lon, lat));
            }
        } else {
            if (latest == null) {
                throw new HttpResponseException(404, "source '" + id + "' has no forecast yet");
            }
            PhysicalField grid = latest.forecast().frames().get(0);
            int row = (int) number(ctx.queryParam("row"), "row", 0, grid.rows() - 1);
            int col = (int) number(ctx.queryParam("col"), "col", 0, grid.cols() - 1);
            forecastAt(n, latest, new int[] {row, col});
        }
        DashboardJson.send(ctx, n);
    }

    private int[] pixel(GeoReference geo, PhysicalField grid, double lon, double lat) {
        return views.projection(geo, grid.rows(), grid.cols()).pixelOf(lon, lat);
    }

    private static void forecastAt(ObjectNode n, SourceBoard.Latest latest, int[] rc) {
        Forecast f = latest.forecast();
        ObjectNode o = n.putObject("forecast").put("baseTime", f.baseTime().toString())
                .put("unit", f.frames().get(0).quantity().unit());
        if (rc == null) {
            o.put("inside", false);
            return;
        }
        int cols = f.frames().get(0).cols();
        int i = rc[0] * cols + rc[1];
        o.put("inside", true).put("row", rc[0]).put("col", rc[1]);
        ArrayNode values = o.putArray("values");
        for (PhysicalField lead : f.frames()) {
            values.add(finite(lead.values()[i * lead.channels()]));
        }
        if (latest.products() == null) {
            return;
        }
        ArrayNode acc = o.putArray("accumulations");
        for (Accumulation a : latest.products().accumulations()) {
            acc.addObject().put("minutes", a.minutes()).put("mm", finite(a.millimetres().values()[i]));
        }
        Exceedance ex = latest.products().exceedance();
        ArrayNode exceedance = o.putArray("exceedance");
        if (ex != null) {
            for (int t = 0; t < ex.thresholds().size(); t++) {
                ArrayNode p = exceedance.addObject().put("threshold", ex.thresholds().get(t)).putArray("probabilities");
                for (int k = 0; k < ex.leadTimes().size(); k++) {
                    p.add(finite(ex.probability(t, k)[i]));
                }
            }
        }
    }

    private static void observedAt(ObjectNode n, Frame frame, int[] rc) {
        ObjectNode o = n.putObject("observed").put("time", frame.time().toString())
                .put("unit", frame.quantity().unit());
        if (rc == null) {
            o.put("inside", false);
            return;
        }
        PhysicalField f = frame.field();
        o.put("inside", true).put("row", rc[0]).put("col", rc[1])
                .put("value", finite(f.values()[(rc[0] * f.cols() + rc[1]) * f.channels()]));
    }

    private static Double finite(float v) {
        return Float.isNaN(v) ? null : (double) v;
    }

    private static double number(String text, String name, double min, double max) {
        if (text == null || text.isBlank()) {
            throw new HttpResponseException(400, "query parameter '" + name + "' is missing");
        }
        double v;
        try {
            v = Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new HttpResponseException(400, "query parameter '" + name + "' is not a number: '" + text + "'");
        }
        if (!(v >= min && v <= max)) {
            throw new HttpResponseException(400, String.format(Locale.ROOT,
                    "query parameter '%s' must be within %s..%s, got %s", name, fmt(min), fmt(max), text));
        }
        return v;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private static void extent(ObjectNode n, double xMin, double yMin, double xMax, double yMax) {
        n.put("xMin", xMin).put("yMin", yMin).put("xMax", xMax).put("yMax", yMax);
    }
}
