package nowcast.sink.alerts;

import java.util.BitSet;

import nowcast.sink.map.MapProjection;

/**
 * The forecast-grid pixels inside an area: those whose centre lies in the circle or polygon. A circle
 * smaller than a pixel still holds the pixel its centre falls in.
 */
final class AreaMask {

    private AreaMask() {
    }

    static BitSet of(AlertArea area, MapProjection p) {
        return of(area, p, p.pixelCentres());
    }

    static BitSet of(AlertArea area, MapProjection p, double[] centres) {
        int n = p.rows() * p.cols();
        BitSet mask = new BitSet(n);
        if (area instanceof AlertArea.Domain) {
            mask.set(0, n);
        } else if (area instanceof AlertArea.Circle c) {
            for (int i = 0; i < n; i++) {
                double lon = centres[2 * i];
                double lat = centres[2 * i + 1];
                if (!Double.isNaN(lat) && AlertArea.distanceKm(c.lat(), c.lon(), lat, lon) <= c.radiusKm()) {
                    mask.set(i);
                }
            }
            if (mask.isEmpty()) {
                int[] rc = p.pixelOf(c.lon(), c.lat());
                if (rc != null) {
                    mask.set(rc[0] * p.cols() + rc[1]);
                }
            }
        } else if (area instanceof AlertArea.Polygon poly) {
            for (int i = 0; i < n; i++) {
                if (poly.contains(centres[2 * i + 1], centres[2 * i])) {
                    mask.set(i);
                }
            }
        }
        return mask;
    }

    /** Every pixel, for sources without a geo-reference (only domain rules exist for them). */
    static BitSet all(int pixels) {
        BitSet mask = new BitSet(pixels);
        mask.set(0, pixels);
        return mask;
    }
}
