package nowcast.sink;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import nowcast.forecast.Forecast;
import nowcast.forecast.ModelIdentity;
import nowcast.forecast.Timings;
import nowcast.frame.Frame;
import nowcast.frame.GeoReference;
import nowcast.frame.GridMapping;
import nowcast.frame.PhysicalField;
import nowcast.frame.Quantisation;
import nowcast.frame.Quantity;

/** Small synthetic frames and forecasts: a rain cell moving one pixel per 5 minutes. */
public final class Fixtures {

    public static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    public static final Duration CADENCE = Duration.ofMinutes(5);

    private Fixtures() {
    }

    /** A field with a square cell of {@code peak} mm/h at column offset {@code shift}, NaN in the last row. */
    public static PhysicalField cell(int rows, int cols, int shift, float peak) {
        float[] v = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int dr = r - rows / 2;
                int dc = c - (cols / 4 + shift);
                double d = Math.sqrt(dr * dr + dc * dc);
                v[r * cols + c] = r == rows - 1 ? Float.NaN : (float) Math.max(0, peak * (1 - d / (rows / 3.0)));
            }
        }
        return PhysicalField.single(Quantity.RAIN_RATE, rows, cols, v);
    }

    public static Frame frame(String source, int step, int rows, int cols) {
        return new Frame(source, T0.plus(CADENCE.multipliedBy(step)), CADENCE, "synthetic", cell(rows, cols, step, 20),
                Quantisation.float32(), null, null, null);
    }

    /** A forecast from base step {@code base} that extrapolates the cell {@code speed} pixels per step. */
    public static Forecast forecast(String source, int base, int rows, int cols, int speed, String model) {
        List<Instant> inputs = new ArrayList<>();
        for (int i = 9; i >= 0; i--) {
            inputs.add(T0.plus(CADENCE.multipliedBy(base - i)));
        }
        List<Duration> leads = new ArrayList<>();
        List<PhysicalField> frames = new ArrayList<>();
        for (int k = 1; k <= 10; k++) {
            leads.add(CADENCE.multipliedBy(k));
            frames.add(cell(rows, cols, base + k * speed, 20));
        }
        return new Forecast(source, T0.plus(CADENCE.multipliedBy(base)), inputs, List.of(), leads, "synthetic",
                frames, Quantisation.float32(), GridMapping.identity(rows, cols),
                new GeoReference("+proj=stere +lat_0=90 +lon_0=0 +lat_ts=60 +a=6378.137 +b=6356.752 +x_0=0 +y_0=0",
                        0, -4415, cols, -4415 + rows, 1, 1, "km", List.of(0.0, 49.36, 0.0, 55.97, 10.86, 55.39, 9.0, 48.9)),
                new ModelIdentity(model, "tiny", "1", "abc"), new Timings(1, 2, 3, 1),
                T0.plus(CADENCE.multipliedBy(base)).plusSeconds(2));
    }
}
