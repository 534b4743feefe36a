package nowcast.sink.map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

import nowcast.frame.GeoReference;

class MapProjectionTest {

    /** KNMI RAD_NL25: 700 x 765 km pixels, polar stereographic in km (values of the HDF5 files). */
    static final GeoReference KNMI = new GeoReference(
            "+proj=stere +lat_0=90 +lon_0=0 +lat_ts=60 +a=6378.137 +b=6356.752 +x_0=0 +y_0=0",
            0, -4415.002, 700, -3649.982, 1, 1.000008, "km", List.of());

    /** FMI composite: 760 x 1226 pixels of about 1 km, the lower-left corner at (0, 0) (pysteps' grid). */
    static final GeoReference FMI = new GeoReference("+proj=stere +lon_0=25 +lat_0=90 +lat_ts=60 +a=6371288 "
            + "+x_0=380886.310 +y_0=3395677.920 +no_defs", 0, 0, 760 * 999.674053, 1226 * 999.62859, 999.674053,
            999.62859, "m", List.of());

    @Test
    void theKnmiGridCornersLandOnTheCornersTheFilesGive() {
        MapProjection p = MapProjection.of(KNMI, 765, 700);
        // geo_product_corners of the KNMI files: LL 0.0/49.362, UL 0.0/55.974, UR 10.856/55.389, LR 9.009/48.895
        assertLonLat(p.inverse(0, -4415.002), 0.0, 49.362);
        assertLonLat(p.inverse(0, -3649.982), 0.0, 55.974);
        assertLonLat(p.inverse(700, -3649.982), 10.856, 55.389);
        assertLonLat(p.inverse(700, -4415.002), 9.009, 48.895);
        // and back: De Bilt lies in pixel (row, col) of the grid, inside
        int[] deBilt = p.pixelOf(5.18, 52.10);
        assertThat(deBilt).isNotNull();
        double[] back = p.inverse(p.centre(deBilt[0], deBilt[1])[0], p.centre(deBilt[0], deBilt[1])[1]);
        assertLonLat(back, 5.18, 52.10, 0.02);
        assertThat(p.pixelOf(-20, 40)).isNull();
    }

    @Test
    void theFmiGridCornersLandOnPystepsCorners() {
        MapProjection p = MapProjection.of(FMI, 1226, 760);
        assertLonLat(p.inverse(0, 0), 18.6, 57.93);
        assertLonLat(p.inverse(FMI.xMax(), FMI.yMax()), 34.903, 69.005);
    }

    @Test
    void aGridWithoutAUsableProjectionIsRefusedWithTheString() {
        GeoReference bad = new GeoReference("+proj=nonsense", 0, 0, 1, 1, 1, 1, "m", List.of());
        assertThatThrownBy(() -> MapProjection.of(bad, 1, 1)).hasMessageContaining("+proj=nonsense");
    }

    @Test
    void theKnmiViewHasTheDutchCoastAndItsBorders() {
        MapView view = new MapViews().view(KNMI, 765, 700);
        assertThat(view.lines()).anyMatch(MapView.Line::border).anyMatch(l -> !l.border());
        assertThat(view.latticeLon()).hasSize(MapView.LATTICE * MapView.LATTICE);
        // a coast point near Den Helder (4.75 E, 52.96 N) is on the map
        double[] denHelder = MapProjection.of(KNMI, 765, 700).forward(4.75, 52.96);
        boolean near = view.lines().stream().filter(l -> !l.border()).anyMatch(l -> {
            for (int i = 0; i < l.xy().length; i += 2) {
                if (Math.hypot(l.xy()[i] - denHelder[0], l.xy()[i + 1] - denHelder[1]) < 5) {
                    return true;
                }
            }
            return false;
        });
        assertThat(near).as("a coastline point within 5 km of Den Helder").isTrue();
    }

    private static void assertLonLat(double[] lonLat, double lon, double lat) {
        assertLonLat(lonLat, lon, lat, 0.01);
    }

    private static void assertLonLat(double[] lonLat, double lon, double lat, double tolerance) {
        assertThat(lonLat[0]).as("longitude").isCloseTo(lon, within(tolerance));
        assertThat(lonLat[1]).as("latitude").isCloseTo(lat, within(tolerance));
    }
}
