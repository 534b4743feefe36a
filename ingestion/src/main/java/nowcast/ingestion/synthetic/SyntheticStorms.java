package nowcast.ingestion.synthetic;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import nowcast.frame.Frame;
import nowcast.frame.PhysicalField;
import nowcast.frame.Quantisation;
import nowcast.frame.Quantity;
import nowcast.frame.RawType;

/**
 * Deterministic radar-like rain-rate fields for any number of sources. Every frame is a pure function of
 * (seed, source, frame index), so a restarted or replayed run produces identical frames and any frame can be
 * computed without the ones before it.
 *
 * <p>Model: each source has a {@link SteeringFlow} (speed 5-20 m/s, any direction, drawn from the seed).
 * Cells are born by a Poisson process ({@link StormSettings#birthsPerFrame()} per frame) anywhere in the grid
 * extended by a margin, live 30 min to 3 h, move with the steering flow (plus up to 20 % deviation), grow,
 * mature and decay ({@link StormCell}). Peak rates are log-normal (median 8 mm/h, capped at 150 mm/h) for
 * convective cells; one cell in five is a wide stratiform shield of 0.5-3 mm/h. Rates below
 * {@link #DRY_BELOW_MM_H} are dry (0). Values are quantised to 0.01 mm/h (the wire's UINT16 step).
 */
public final class SyntheticStorms {

    public static final double DRY_BELOW_MM_H = 0.1;
    public static final double MAX_CELL_DEVIATION = 0.2;
    static final int MIN_LIFETIME_MINUTES = 30;
    static final int MAX_LIFETIME_MINUTES = 180;
    static final double MAX_PEAK_MM_H = 150.0;
    private static final double GAIN = 0.01;
    private static final double NODATA = 65535;
    private static final double SHAPE_CUTOFF_SIGMAS = 3.5;

    private final StormSettings settings;
    private final int minLifetime;
    private final int maxLifetime;

    public SyntheticStorms(StormSettings settings) {
        this.settings = settings;
        long cadenceSeconds = settings.cadence().toSeconds();
        this.minLifetime = (int) Math.max(2, MIN_LIFETIME_MINUTES * 60 / Math.max(1, cadenceSeconds));
        this.maxLifetime = (int) Math.max(minLifetime + 1, MAX_LIFETIME_MINUTES * 60 / Math.max(1, cadenceSeconds));
    }

    public StormSettings settings() {
        return settings;
    }

    public String sourceId(int source) {
        checkSource(source);
        return String.format(Locale.ROOT, "%s-%03d", settings.sourcePrefix(), source);
    }

    public Instant timeOf(long frameIndex) {
        return settings.start().plus(settings.cadence().multipliedBy(frameIndex));
    }

    public SteeringFlow flow(int source) {
        checkSource(source);
        SplittableRandom rng = new SplittableRandom(mix(settings.seed(), source, Long.MIN_VALUE));
        double speed = 5 + 15 * rng.nextDouble();
        double direction = 360 * rng.nextDouble();
        double pixelsPerFrame = speed * settings.cadence().toSeconds() / (settings.pixelKm() * 1000);
        double rad = Math.toRadians(direction);
        return new SteeringFlow(speed, direction, -Math.cos(rad) * pixelsPerFrame, Math.sin(rad) * pixelsPerFrame);
    }

    /** The cells of a source alive at a frame. */
    List<StormCell> cellsAt(int source, long frame) {
        checkSource(source);
        SteeringFlow flow = flow(source);
        List<StormCell> alive = new ArrayList<>();
        for (long born = frame - maxLifetime + 1; born <= frame; born++) {
            for (StormCell cell : births(source, born, flow)) {
                if (cell.aliveAt(frame)) {
                    alive.add(cell);
                }
            }
        }
        return alive;
    }

    private List<StormCell> births(int source, long born, SteeringFlow flow) {
        SplittableRandom rng = new SplittableRandom(mix(settings.seed(), source, born));
        int n = poisson(rng, settings.birthsPerFrame());
        List<StormCell> out = new ArrayList<>(n);
        int rows = settings.rows();
        int cols = settings.cols();
        for (int i = 0; i < n; i++) {
            int lifetime = minLifetime + rng.nextInt(maxLifetime - minLifetime + 1);
            double speedFactor = 1 + MAX_CELL_DEVIATION * (2 * rng.nextDouble() - 1);
            double turn = MAX_CELL_DEVIATION * (2 * rng.nextDouble() - 1);
            double dRow = speedFactor * (flow.rowsPerFrame() * Math.cos(turn) - flow.colsPerFrame() * Math.sin(turn));
            double dCol = speedFactor * (flow.rowsPerFrame() * Math.sin(turn) + flow.colsPerFrame() * Math.cos(turn));
            // born upstream often enough that cells drift into the grid, not only appear inside it
            double travelRows = dRow * lifetime / 2;
            double travelCols = dCol * lifetime / 2;
            double row0 = -travelRows + rng.nextDouble() * rows * 1.2 - rows * 0.1;
            double col0 = -travelCols + rng.nextDouble() * cols * 1.2 - cols * 0.1;
            boolean stratiform = rng.nextDouble() < 0.2;
            double kmScale = 1.0 / settings.pixelKm();
            double peak;
            double radiusKm;
            if (stratiform) {
                peak = 0.5 + 2.5 * rng.nextDouble();
                radiusKm = 25 + 35 * rng.nextDouble();
            } else {
                peak = Math.min(MAX_PEAK_MM_H, 8 * Math.exp(0.9 * gaussian(rng)));
                radiusKm = 3 + 9 * rng.nextDouble();
            }
            double aspect = 1 + rng.nextDouble();
            double angle = Math.PI * rng.nextDouble();
            out.add(new StormCell(born, lifetime, row0, col0, dRow, dCol, peak, radiusKm * kmScale, aspect, angle));
        }
        return out;
    }

    /** The field of one source at one frame (rain rate, mm/h). */
    public PhysicalField field(int source, long frame) {
        int rows = settings.rows();
        int cols = settings.cols();
        double[] acc = new double[rows * cols];
        for (StormCell cell : cellsAt(source, frame)) {
            paint(cell, frame, acc, rows, cols);
        }
        float[] values = new float[acc.length];
        for (int i = 0; i < acc.length; i++) {
            double v = acc[i] < DRY_BELOW_MM_H ? 0.0 : Math.min(acc[i], (NODATA - 1) * GAIN);
            values[i] = (float) (Math.round(v / GAIN) * GAIN);
        }
        return PhysicalField.single(Quantity.RAIN_RATE, rows, cols, values);
    }

    public Frame frame(int source, long frameIndex) {
        SteeringFlow flow = flow(source);
        Map<String, String> attributes = Map.of(
                "generator", "synthetic-storms",
                "seed", String.valueOf(settings.seed()),
                "frame_index", String.valueOf(frameIndex),
                "steering_speed_m_s", String.format(Locale.ROOT, "%.2f", flow.speedMetresPerSecond()),
                "steering_direction_deg", String.format(Locale.ROOT, "%.1f", flow.directionDegrees()),
                "pixel_km", String.valueOf(settings.pixelKm()));
        return new Frame(sourceId(source), timeOf(frameIndex), settings.cadence(), "synthetic-rain-rate",
                field(source, frameIndex), new Quantisation(RawType.UINT16, GAIN, 0.0, NODATA, null, 0.0), null, null,
                attributes);
    }

    private static void paint(StormCell cell, long frame, double[] acc, int rows, int cols) {
        double peak = cell.intensityAt(frame);
        if (peak <= 0) {
            return;
        }
        double cr = cell.rowAt(frame);
        double cc = cell.colAt(frame);
        double major = cell.radius() * cell.aspect();
        double minor = cell.radius();
        double reach = SHAPE_CUTOFF_SIGMAS * major;
        int r0 = (int) Math.max(0, Math.floor(cr - reach));
        int r1 = (int) Math.min(rows - 1, Math.ceil(cr + reach));
        int c0 = (int) Math.max(0, Math.floor(cc - reach));
        int c1 = (int) Math.min(cols - 1, Math.ceil(cc + reach));
        double cos = Math.cos(cell.angle());
        double sin = Math.sin(cell.angle());
        for (int r = r0; r <= r1; r++) {
            double dr = r - cr;
            for (int c = c0; c <= c1; c++) {
                double dc = c - cc;
                double u = (dr * cos + dc * sin) / major;
                double v = (-dr * sin + dc * cos) / minor;
                double q = u * u + v * v;
                if (q < SHAPE_CUTOFF_SIGMAS * SHAPE_CUTOFF_SIGMAS) {
                    acc[r * cols + c] += peak * Math.exp(-0.5 * q);
                }
            }
        }
    }

    private void checkSource(int source) {
        if (source < 0 || source >= settings.sources()) {
            throw new IllegalArgumentException("source index " + source + " outside 0.." + (settings.sources() - 1));
        }
    }

    private static int poisson(SplittableRandom rng, double mean) {
        double limit = Math.exp(-mean);
        double p = rng.nextDouble();
        int k = 0;
        while (p > limit) {
            p *= rng.nextDouble();
            k++;
        }
        return k;
    }

    private static double gaussian(SplittableRandom rng) {
        double u1 = 1 - rng.nextDouble();
        double u2 = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    private static long mix(long seed, long source, long frame) {
        long h = seed * 0x9E3779B97F4A7C15L + source * 0xC2B2AE3D27D4EB4FL + frame * 0x165667B19E3779F9L;
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        return h ^ (h >>> 33);
    }

    /** The time between two frames of every source. */
    public Duration cadence() {
        return settings.cadence();
    }
}
