package nowcast.ingestion.readers;

import java.util.HashMap;
import java.util.Map;

/**
 * Forward Lambert azimuthal equal-area projection on the ellipsoid (Snyder 1987, eq. 24-13 ff.), enough
 * to place an ODIM composite whose {@code /where} gives only lon/lat corners (OPERA: {@code +proj=laea}).
 */
final class LambertAzimuthalEqualArea {

    private final double a;
    private final double e;
    private final double e2;
    private final double lon0;
    private final double x0;
    private final double y0;
    private final double qp;
    private final double rq;
    private final double sinB1;
    private final double cosB1;
    private final double d;

    private LambertAzimuthalEqualArea(double a, double b, double lat0, double lon0, double x0, double y0) {
        this.a = a;
        this.e2 = 1 - (b * b) / (a * a);
        this.e = Math.sqrt(e2);
        this.lon0 = Math.toRadians(lon0);
        this.x0 = x0;
        this.y0 = y0;
        double phi1 = Math.toRadians(lat0);
        this.qp = q(Math.PI / 2);
        this.rq = a * Math.sqrt(qp / 2);
        double beta1 = Math.asin(q(phi1) / qp);
        this.sinB1 = Math.sin(beta1);
        this.cosB1 = Math.cos(beta1);
        double m1 = Math.cos(phi1) / Math.sqrt(1 - e2 * Math.sin(phi1) * Math.sin(phi1));
        this.d = a * m1 / (rq * cosB1);
    }

    /** The projection of a PROJ string, or null when the string is not {@code +proj=laea} with a known ellipsoid. */
    static LambertAzimuthalEqualArea fromProj(String proj) {
        Map<String, String> p = parameters(proj);
        if (!"laea".equals(p.get("proj"))) {
            return null;
        }
        double a;
        double b;
        String ellps = p.getOrDefault("ellps", "");
        if (p.containsKey("a")) {
            a = Double.parseDouble(p.get("a"));
            b = p.containsKey("b") ? Double.parseDouble(p.get("b")) : a;
        } else if (p.containsKey("R")) {
            a = Double.parseDouble(p.get("R"));
            b = a;
        } else if ("WGS84".equals(ellps) || "GRS80".equals(ellps)) {
            a = 6378137.0;
            b = "WGS84".equals(ellps) ? 6356752.314245 : 6356752.314140;
        } else {
            return null;
        }
        return new LambertAzimuthalEqualArea(a, b, num(p, "lat_0"), num(p, "lon_0"), num(p, "x_0"), num(p, "y_0"));
    }

    /** Projected (x, y) in metres of a lon/lat in degrees. */
    double[] forward(double lonDeg, double latDeg) {
        double phi = Math.toRadians(latDeg);
        double dl = Math.toRadians(lonDeg) - lon0;
        double beta = Math.asin(q(phi) / qp);
        double bigB = rq * Math.sqrt(2 / (1 + sinB1 * Math.sin(beta) + cosB1 * Math.cos(beta) * Math.cos(dl)));
        double x = bigB * d * Math.cos(beta) * Math.sin(dl);
        double y = (bigB / d) * (cosB1 * Math.sin(beta) - sinB1 * Math.cos(beta) * Math.cos(dl));
        return new double[] {x + x0, y + y0};
    }

    private double q(double phi) {
        double s = Math.sin(phi);
        if (e == 0) {
            return 2 * s;
        }
        return (1 - e2) * (s / (1 - e2 * s * s) - (1 / (2 * e)) * Math.log((1 - e * s) / (1 + e * s)));
    }

    private static double num(Map<String, String> p, String key) {
        return p.containsKey(key) ? Double.parseDouble(p.get(key)) : 0.0;
    }

    private static Map<String, String> parameters(String proj) {
        Map<String, String> out = new HashMap<>();
        for (String token : proj.trim().split("\\s+")) {
            String t = token.startsWith("+") ? token.substring(1) : token;
            int eq = t.indexOf('=');
            if (eq > 0) {
                out.put(t.substring(0, eq), t.substring(eq + 1));
            } else if (!t.isEmpty()) {
                out.put(t, "");
            }
        }
        return out;
    }
}
