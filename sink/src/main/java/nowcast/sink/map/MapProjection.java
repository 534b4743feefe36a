package nowcast.sink.map;

import org.locationtech.proj4j.CRSFactory;
import org.locationtech.proj4j.ProjCoordinate;
import org.locationtech.proj4j.proj.Projection;

import nowcast.frame.GeoReference;

/**
 * The projection of a source grid (its PROJ string, through proj4j) and the placement of the grid in
 * it: lon/lat to projected x/y and back, and x/y to fractional grid row/column. The projection's own
 * ellipsoid is taken as WGS 84 (no datum shift: a Bessel-based grid such as MeteoSwiss's is then off by
 * about 100-200 m, far less than a radar pixel). Projected units are those of the PROJ string (KNMI's
 * semi-major axis in km gives km).
 */
public final class MapProjection {

    private static final CRSFactory CRS = new CRSFactory();

    private final GeoReference geo;
    private final Projection projection;
    private final int rows;
    private final int cols;

    private MapProjection(GeoReference geo, Projection projection, int rows, int cols) {
        this.geo = geo;
        this.projection = projection;
        this.rows = rows;
        this.cols = cols;
    }

    /** The projection of a grid of {@code rows x cols} pixels placed by {@code geo}. */
    public static MapProjection of(GeoReference geo, int rows, int cols) {
        if (geo == null) {
            throw new IllegalArgumentException("the grid has no geo-reference");
        }
        Projection p;
        try {
            p = CRS.createFromParameters("source", asPROJReadsIt(geo.projection())).getProjection();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("projection '" + geo.projection() + "' is not understood: "
                    + e.getMessage(), e);
        }
        if (!(geo.xMax() > geo.xMin()) || !(geo.yMax() > geo.yMin())) {
            throw new IllegalArgumentException("grid extent x " + geo.xMin() + ".." + geo.xMax() + ", y "
                    + geo.yMin() + ".." + geo.yMax() + " is empty");
        }
        return new MapProjection(geo, p, rows, cols);
    }

    /**
     * PROJ takes {@code +a} without any other shape parameter as a sphere of that radius; proj4j keeps
     * its default flattening instead (11 km off at the FMI grid's corner), so the sphere is made explicit.
     */
    static String asPROJReadsIt(String proj) {
        java.util.Set<String> keys = new java.util.HashSet<>();
        String a = null;
        for (String token : proj.trim().split("\\s+")) {
            String t = token.startsWith("+") ? token.substring(1) : token;
            int eq = t.indexOf('=');
            String key = eq > 0 ? t.substring(0, eq) : t;
            keys.add(key);
            if ("a".equals(key) && eq > 0) {
                a = t.substring(eq + 1);
            }
        }
        boolean shaped = keys.stream().anyMatch(k -> java.util.Set.of("b", "rf", "f", "es", "e", "ellps", "R").contains(k));
        return a != null && !shaped ? proj + " +b=" + a : proj;
    }

    public GeoReference geo() {
        return geo;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** Projected {x, y} of a longitude and latitude in degrees; NaN where the projection has no point. */
    public synchronized double[] forward(double lon, double lat) {
        try {
            ProjCoordinate out = projection.project(new ProjCoordinate(lon, lat), new ProjCoordinate());
            return new double[] {out.x, out.y};
        } catch (RuntimeException outsideTheProjection) {
            return new double[] {Double.NaN, Double.NaN};
        }
    }

    /** {lon, lat} in degrees of projected x, y. */
    public synchronized double[] inverse(double x, double y) {
        try {
            ProjCoordinate out = projection.inverseProject(new ProjCoordinate(x, y), new ProjCoordinate());
            return new double[] {out.x, out.y};
        } catch (RuntimeException outsideTheProjection) {
            return new double[] {Double.NaN, Double.NaN};
        }
    }

    /** Fractional {row, col} (0 = top edge / left edge of the grid) of projected x, y. */
    public double[] gridOf(double x, double y) {
        return new double[] {(geo.yMax() - y) / (geo.yMax() - geo.yMin()) * rows,
            (x - geo.xMin()) / (geo.xMax() - geo.xMin()) * cols};
    }

    /** Projected {x, y} of the centre of pixel (row, col). */
    public double[] centre(int row, int col) {
        return new double[] {geo.xMin() + (col + 0.5) * (geo.xMax() - geo.xMin()) / cols,
            geo.yMax() - (row + 0.5) * (geo.yMax() - geo.yMin()) / rows};
    }

    /** The pixel (row, col) that holds a lon/lat, or null outside the grid. */
    public int[] pixelOf(double lon, double lat) {
        double[] xy = forward(lon, lat);
        double[] rc = gridOf(xy[0], xy[1]);
        if (!(rc[0] >= 0 && rc[0] < rows && rc[1] >= 0 && rc[1] < cols)) {
            return null;
        }
        return new int[] {(int) rc[0], (int) rc[1]};
    }

    /** {lon, lat} of every pixel centre, row-major: lon at 2i, lat at 2i+1. */
    public double[] pixelCentres() {
        double[] out = new double[rows * cols * 2];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double[] xy = centre(r, c);
                double[] ll = inverse(xy[0], xy[1]);
                out[2 * (r * cols + c)] = ll[0];
                out[2 * (r * cols + c) + 1] = ll[1];
            }
        }
        return out;
    }
}
