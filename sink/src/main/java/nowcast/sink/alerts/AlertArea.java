package nowcast.sink.alerts;

import java.util.List;

/** Where a rule looks: a circle or polygon in lat/lon, or the source's whole grid. */
public sealed interface AlertArea {

    /** A circle of {@code radiusKm} around a lat/lon in degrees. */
    record Circle(double lat, double lon, double radiusKm) implements AlertArea {
    }

    /** A polygon of [lat, lon] vertices in degrees (closed implicitly). */
    record Polygon(List<double[]> vertices) implements AlertArea {
        public Polygon {
            vertices = List.copyOf(vertices);
        }

        /** Ray casting in the lon/lat plane (areas are small next to the Earth's curvature). */
        public boolean contains(double lat, double lon) {
            boolean inside = false;
            for (int i = 0, j = vertices.size() - 1; i < vertices.size(); j = i++) {
                double[] a = vertices.get(i);
                double[] b = vertices.get(j);
                if ((a[0] > lat) != (b[0] > lat) && lon < (b[1] - a[1]) * (lat - a[0]) / (b[0] - a[0]) + a[1]) {
                    inside = !inside;
                }
            }
            return inside;
        }
    }

    /** The whole forecast grid. */
    record Domain() implements AlertArea {
    }

    /** Great-circle distance in km (haversine, mean Earth radius). */
    static double distanceKm(double lat1, double lon1, double lat2, double lon2) {
        double r = Math.PI / 180;
        double dLat = (lat2 - lat1) * r;
        double dLon = (lon2 - lon1) * r;
        double q = Math.pow(Math.sin(dLat / 2), 2)
                + Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.pow(Math.sin(dLon / 2), 2);
        return 2 * 6371.0 * Math.asin(Math.min(1, Math.sqrt(q)));
    }
}
