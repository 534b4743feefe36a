package nowcast.sink.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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
        GeoReference viewGeo = f != null && f.geo() != null ? f.geo() : frame != null ? frame.geo() : null;
        if (viewGeo == null) {
            DashboardJson.send(ctx, new MapDocument.Unmapped(id, false, null));
            return;
        }
        PhysicalField grid = f != null && f.geo() != null ? f.frames().get(0) : frame.field();
        MapView view;
        try {
            view = views.view(viewGeo, grid.rows(), grid.cols());
        } catch (IllegalArgumentException e) {
            DashboardJson.send(ctx, new MapDocument.Unmapped(id, false, e.getMessage()));
            return;
        }
        MapDocument.Extent observed = null;
        if (frame != null && frame.geo() != null && frame.geo().projection().equals(viewGeo.projection())) {
            observed = new MapDocument.Extent(frame.geo().xMin(), frame.geo().yMin(), frame.geo().xMax(),
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
            observed = new MapDocument.Extent(xMin, yMax - m.sourceRows() * py, xMin + m.sourceCols() * px, yMax);
        }
        MapDocument.Extent forecast = f != null && f.geo() != null
                ? new MapDocument.Extent(f.geo().xMin(), f.geo().yMin(), f.geo().xMax(), f.geo().yMax()) : null;
        List<MapDocument.Line> lines = new ArrayList<>();
        for (MapView.Line line : view.lines()) {
            double[] xy = new double[line.xy().length];
            for (int i = 0; i < xy.length; i++) {
                xy[i] = Math.round(line.xy()[i] * 1000) / 1000.0;
            }
            lines.add(new MapDocument.Line(line.border(), xy));
        }
        double[] lon = new double[view.latticeLon().length];
        double[] lat = new double[lon.length];
        for (int i = 0; i < lon.length; i++) {
            lon[i] = Math.round(view.latticeLon()[i] * 1e5) / 1e5;
            lat[i] = Math.round(view.latticeLat()[i] * 1e5) / 1e5;
        }
        ctx.header("Cache-Control", "no-cache");
        DashboardJson.send(ctx, new MapDocument(id, true, view.projection(), view.units(),
                new MapDocument.Extent(view.xMin(), view.yMin(), view.xMax(), view.yMax()), observed, forecast, lines,
                new MapDocument.Lattice(view.latticeSize(), lon, lat)));
    }

    void point(Context ctx, String id) {
        SourceBoard.Latest latest = board.latest(id).orElse(null);
        Frame frame = board.latestFrame(id).orElse(null);
        if (latest == null && frame == null) {
            throw new HttpResponseException(404, "source '" + id + "' has no frame or forecast yet");
        }
        String latText = ctx.queryParam("lat");
        String lonText = ctx.queryParam("lon");
        if (latText != null || lonText != null) {
            double lat = number(latText, "lat", -90, 90);
            double lon = number(lonText, "lon", -180, 180);
            boolean forecastGeo = latest != null && latest.forecast().geo() != null;
            boolean frameGeo = frame != null && frame.geo() != null;
            if (!forecastGeo && !frameGeo) {
                throw new HttpResponseException(400, "this source has no geo-reference: ask for ?row=&col= on the "
                        + "forecast grid instead of lat/lon");
            }
            DashboardJson.send(ctx, new PointDocument(id, lat, lon,
                    forecastGeo ? forecastAt(latest, pixel(latest.forecast().geo(), latest.forecast().frames().get(0),
                            lon, lat)) : null,
                    frameGeo ? observedAt(frame, pixel(frame.geo(), frame.field(), lon, lat)) : null));
        } else {
            if (latest == null) {
                throw new HttpResponseException(404, "source '" + id + "' has no forecast yet");
            }
            PhysicalField grid = latest.forecast().frames().get(0);
            int row = (int) number(ctx.queryParam("row"), "row", 0, grid.rows() - 1);
            int col = (int) number(ctx.queryParam("col"), "col", 0, grid.cols() - 1);
            DashboardJson.send(ctx, new PointDocument(id, null, null, forecastAt(latest, new int[] {row, col}), null));
        }
    }

    private int[] pixel(GeoReference geo, PhysicalField grid, double lon, double lat) {
        return views.projection(geo, grid.rows(), grid.cols()).pixelOf(lon, lat);
    }

    private static PointDocument.ForecastAt forecastAt(SourceBoard.Latest latest, int[] rc) {
        Forecast f = latest.forecast();
        String baseTime = f.baseTime().toString();
        String unit = f.frames().get(0).quantity().unit();
        if (rc == null) {
            return new PointDocument.ForecastAt(baseTime, unit, false, null, null, null, null, null);
        }
        int cols = f.frames().get(0).cols();
        int i = rc[0] * cols + rc[1];
        List<Double> values = new ArrayList<>();
        for (PhysicalField lead : f.frames()) {
            values.add(finite(lead.values()[i * lead.channels()]));
        }
        if (latest.products() == null) {
            return new PointDocument.ForecastAt(baseTime, unit, true, rc[0], rc[1], values, null, null);
        }
        List<PointDocument.AccumulationAt> acc = new ArrayList<>();
        for (Accumulation a : latest.products().accumulations()) {
            acc.add(new PointDocument.AccumulationAt(a.minutes(), finite(a.millimetres().values()[i])));
        }
        Exceedance ex = latest.products().exceedance();
        List<PointDocument.ExceedanceAt> exceedance = new ArrayList<>();
        if (ex != null) {
            for (int t = 0; t < ex.thresholds().size(); t++) {
                List<Double> p = new ArrayList<>();
                for (int k = 0; k < ex.leadTimes().size(); k++) {
                    p.add(finite(ex.probability(t, k)[i]));
                }
                exceedance.add(new PointDocument.ExceedanceAt(ex.thresholds().get(t), p));
            }
        }
        return new PointDocument.ForecastAt(baseTime, unit, true, rc[0], rc[1], values, acc, exceedance);
    }

    private static PointDocument.ObservedAt observedAt(Frame frame, int[] rc) {
        String time = frame.time().toString();
        String unit = frame.quantity().unit();
        if (rc == null) {
            return new PointDocument.ObservedOutside(time, unit, false);
        }
        PhysicalField f = frame.field();
        return new PointDocument.ObservedInside(time, unit, true, rc[0], rc[1],
                finite(f.values()[(rc[0] * f.cols() + rc[1]) * f.channels()]));
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
}
