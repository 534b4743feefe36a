package nowcast.sink.map;

import java.util.ArrayList;
import java.util.List;

/**
 * What the dashboard needs to draw a georeferenced source on its map: a view rectangle in the source's
 * projected coordinates, the coast and border lines inside it in the same coordinates, and a lattice
 * of lon/lat over the view (the page interpolates it for the cursor read-out, so no projection code
 * runs in the browser).
 */
public record MapView(String projection, String units, double xMin, double yMin, double xMax, double yMax,
                      List<Line> lines, int latticeSize, double[] latticeLon, double[] latticeLat) {

    /** A polyline in projected coordinates: x at 2i, y at 2i+1. */
    public record Line(boolean border, double[] xy) {
    }

    static final int LATTICE = 17;

    /** The view of {@code projection} over the rectangle, with the world's outlines clipped to it. */
    public static MapView of(MapProjection projection, double xMin, double yMin, double xMax, double yMax) {
        double[] lon = new double[LATTICE * LATTICE];
        double[] lat = new double[LATTICE * LATTICE];
        double minLon = 180;
        double maxLon = -180;
        double minLat = 90;
        double maxLat = -90;
        for (int j = 0; j < LATTICE; j++) {
            for (int i = 0; i < LATTICE; i++) {
                // row j from the top (yMax) down, column i from the left
                double x = xMin + (xMax - xMin) * i / (LATTICE - 1);
                double y = yMax - (yMax - yMin) * j / (LATTICE - 1);
                double[] ll = projection.inverse(x, y);
                lon[j * LATTICE + i] = ll[0];
                lat[j * LATTICE + i] = ll[1];
                if (!Double.isNaN(ll[0])) {
                    minLon = Math.min(minLon, ll[0]);
                    maxLon = Math.max(maxLon, ll[0]);
                    minLat = Math.min(minLat, ll[1]);
                    maxLat = Math.max(maxLat, ll[1]);
                }
            }
        }
        // a little slack: the view's edges bulge between lattice points
        double slack = 0.5;
        double padX = (xMax - xMin) * 0.02;
        double padY = (yMax - yMin) * 0.02;
        List<Line> lines = new ArrayList<>();
        for (WorldOutlines.Arc arc : WorldOutlines.get().arcs()) {
            if (arc.maxLon() < minLon - slack || arc.minLon() > maxLon + slack || arc.maxLat() < minLat - slack
                    || arc.minLat() > maxLat + slack) {
                continue;
            }
            double[] ll = arc.lonLat();
            List<Double> run = new ArrayList<>();
            for (int k = 0; k < ll.length / 2; k++) {
                double[] xy = projection.forward(ll[2 * k], ll[2 * k + 1]);
                boolean inside = xy[0] >= xMin - padX && xy[0] <= xMax + padX && xy[1] >= yMin - padY
                        && xy[1] <= yMax + padY;
                if (inside) {
                    run.add(xy[0]);
                    run.add(xy[1]);
                } else {
                    flush(run, arc.border(), lines);
                }
            }
            flush(run, arc.border(), lines);
        }
        return new MapView(projection.geo().projection(), projection.geo().units(), xMin, yMin, xMax, yMax, lines,
                LATTICE, lon, lat);
    }

    private static void flush(List<Double> run, boolean border, List<Line> lines) {
        if (run.size() >= 4) {
            double[] xy = new double[run.size()];
            for (int i = 0; i < xy.length; i++) {
                xy[i] = run.get(i);
            }
            lines.add(new Line(border, xy));
        }
        run.clear();
    }
}
