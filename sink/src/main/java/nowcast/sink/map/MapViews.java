package nowcast.sink.map;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import nowcast.frame.GeoReference;

/**
 * Map views and pixel locations per grid, computed once per geo-reference (a source's grid does not
 * change from frame to frame, and clipping the world's outlines takes a moment).
 */
public final class MapViews {

    /** How far the view reaches beyond the forecast grid on each side, as a share of its size. */
    static final double MARGIN = 0.1;

    private record GridKey(GeoReference geo, int rows, int cols) {
    }

    private final Map<GridKey, MapView> views = new ConcurrentHashMap<>();
    private final Map<GridKey, MapProjection> projections = new ConcurrentHashMap<>();
    private final Map<GridKey, double[]> centres = new ConcurrentHashMap<>();

    public MapProjection projection(GeoReference geo, int rows, int cols) {
        return projections.computeIfAbsent(new GridKey(geo, rows, cols), k -> MapProjection.of(geo, rows, cols));
    }

    /** The view around a grid (the forecast grid, so observation and forecast share one view). */
    public MapView view(GeoReference geo, int rows, int cols) {
        return views.computeIfAbsent(new GridKey(geo, rows, cols), k -> {
            double dx = (geo.xMax() - geo.xMin()) * MARGIN;
            double dy = (geo.yMax() - geo.yMin()) * MARGIN;
            return MapView.of(projection(geo, rows, cols), geo.xMin() - dx, geo.yMin() - dy, geo.xMax() + dx,
                    geo.yMax() + dy);
        });
    }

    /** {lon, lat} of every pixel centre of a grid, row-major (lon at 2i, lat at 2i+1). */
    public double[] pixelCentres(GeoReference geo, int rows, int cols) {
        return centres.computeIfAbsent(new GridKey(geo, rows, cols), k -> projection(geo, rows, cols).pixelCentres());
    }
}
