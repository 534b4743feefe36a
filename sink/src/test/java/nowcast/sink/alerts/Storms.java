package nowcast.sink.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import nowcast.forecast.Forecast;
import nowcast.forecast.ModelIdentity;
import nowcast.forecast.Timings;
import nowcast.frame.GeoReference;
import nowcast.frame.GridMapping;
import nowcast.frame.PhysicalField;
import nowcast.frame.Quantisation;
import nowcast.frame.Quantity;

/**
 * A synthetic storm over the Netherlands on a KNMI-like grid (polar stereographic, 2 km pixels,
 * 64 x 64 around Amsterdam, so the map has coast and borders): a round cell of 20 mm/h moving east two
 * pixels a frame.
 */
public final class Storms {

    public static final Instant T0 = Instant.parse("2026-06-01T12:00:00Z");
    public static final Duration CADENCE = Duration.ofMinutes(5);
    public static final int SIZE = 64;
    public static final GeoReference GEO = new GeoReference(
            "+proj=stere +lat_0=90 +lon_0=0 +lat_ts=60 +a=6378.137 +b=6356.752 +x_0=0 +y_0=0",
            280, -4110, 280 + 2 * SIZE, -4110 + 2 * SIZE, 2, 2, "km", List.of());

    private Storms() {
    }

    /** The storm at frame {@code step}: centre column {@code 4 + 2 step}, row 32, radius 6 pixels. */
    public static PhysicalField field(int step) {
        float[] v = new float[SIZE * SIZE];
        int centre = 4 + 2 * step;
        for (int r = 0; r < SIZE; r++) {
            for (int c = 0; c < SIZE; c++) {
                double d = Math.hypot(r - 32, c - centre);
                v[r * SIZE + c] = d <= 6 ? 20f : 0f;
            }
        }
        return PhysicalField.single(Quantity.RAIN_RATE, SIZE, SIZE, v);
    }

    /** A perfect forecast from base step {@code base}: leads show the storm where it will be. */
    public static Forecast forecast(String source, int base) {
        List<Instant> inputs = new ArrayList<>();
        for (int i = 9; i >= 0; i--) {
            inputs.add(T0.plus(CADENCE.multipliedBy(base - i)));
        }
        List<Duration> leads = new ArrayList<>();
        List<PhysicalField> frames = new ArrayList<>();
        for (int k = 1; k <= 10; k++) {
            leads.add(CADENCE.multipliedBy(k));
            frames.add(field(base + k));
        }
        return new Forecast(source, T0.plus(CADENCE.multipliedBy(base)), inputs, List.of(), leads, "synthetic",
                frames, Quantisation.float32(), GridMapping.identity(SIZE, SIZE), GEO,
                new ModelIdentity("extrapolation", "", "1", ""), new Timings(1, 2, 3, 1),
                T0.plus(CADENCE.multipliedBy(base)).plusSeconds(2));
    }

    /** lon/lat of the centre of pixel (row, col) of the storm grid. */
    public static double[] lonLat(int row, int col) {
        var p = nowcast.sink.map.MapProjection.of(GEO, SIZE, SIZE);
        double[] xy = p.centre(row, col);
        return p.inverse(xy[0], xy[1]);
    }
}
