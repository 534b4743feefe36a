package nowcast.training.data;

import java.util.Random;

import nowcast.frame.Quantity;


/**
 * Synthetic rain-rate windows (mm/h) for pre-training: a few elliptical Gaussian convective cells (peak
 * 1-150 mm/h, log-normal) and sometimes a broad stratiform band, all advected by one steering
 * wind with small per-cell deviations, growing or decaying, and textured by a smooth log-normal
 * noise that moves with the wind. Window {@code i} is generated from {@code (seed, i)} alone, so
 * the source needs no storage and always yields the same window for the same index.
 *
 * <p>Unlike the feed of {@code nowcast.ingestion.synthetic.SyntheticStorms} (cells born, living and
 * dying along one continuous time line per source; see {@link TrainingData.SyntheticFeed}), every
 * window here is an independent scene, which gives many different scenes from few frames. The
 * shipped model was trained on these windows.
 */
public final class SyntheticStormWindows implements WindowSource {

    private static final int WAVES = 6;
    private static final float DRIZZLE = 0.05f;

    private final int size;
    private final int length;
    private final int side;
    private final long seed;

    public SyntheticStormWindows(int size, int length, int side, long seed) {
        if (size < 1) {
            throw new IllegalArgumentException("synthetic storm count must be positive, got " + size);
        }
        this.size = size;
        this.length = length;
        this.side = side;
        this.seed = seed;
    }

    @Override
    public String name() {
        return "synthetic storms (seed " + seed + ")";
    }

    @Override
    public Quantity quantity() {
        return Quantity.RAIN_RATE;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int side() {
        return side;
    }

    @Override
    public float[][] window(int index) {
        Random r = new Random(seed * 1_000_003L + index);
        double speed = 3.0 * r.nextDouble();
        double heading = 2 * Math.PI * r.nextDouble();
        double u = speed * Math.cos(heading);
        double v = speed * Math.sin(heading);
        int cells = 2 + r.nextInt(14);
        boolean stratiform = r.nextBoolean();
        int n = cells + (stratiform ? 1 : 0);
        double[] x0 = new double[n];
        double[] y0 = new double[n];
        double[] cu = new double[n];
        double[] cv = new double[n];
        double[] sx = new double[n];
        double[] sy = new double[n];
        double[] cos = new double[n];
        double[] sin = new double[n];
        double[] peak = new double[n];
        double[] growth = new double[n];
        double margin = side * 0.3;
        for (int k = 0; k < n; k++) {
            boolean broad = stratiform && k == cells;
            x0[k] = -margin + (side + 2 * margin) * r.nextDouble();
            y0[k] = -margin + (side + 2 * margin) * r.nextDouble();
            cu[k] = u + 0.3 * r.nextGaussian();
            cv[k] = v + 0.3 * r.nextGaussian();
            sx[k] = broad ? 20 + 30 * r.nextDouble() : 2 + 12 * r.nextDouble();
            sy[k] = broad ? 20 + 30 * r.nextDouble() : sx[k] * (0.4 + 0.6 * r.nextDouble());
            double angle = Math.PI * r.nextDouble();
            cos[k] = Math.cos(angle);
            sin[k] = Math.sin(angle);
            peak[k] = broad ? 0.5 + 2.5 * r.nextDouble() : Math.min(150, Math.exp(Math.log(5) + 0.9 * r.nextGaussian()));
            growth[k] = broad ? 0 : 0.08 * (2 * r.nextDouble() - 1);
        }
        double[] kx = new double[WAVES];
        double[] ky = new double[WAVES];
        double[] phase = new double[WAVES];
        for (int w = 0; w < WAVES; w++) {
            double wavelength = 8 + 32 * r.nextDouble();
            double dir = 2 * Math.PI * r.nextDouble();
            kx[w] = 2 * Math.PI / wavelength * Math.cos(dir);
            ky[w] = 2 * Math.PI / wavelength * Math.sin(dir);
            phase[w] = 2 * Math.PI * r.nextDouble();
        }
        double textureAmplitude = 0.2 + 0.4 * r.nextDouble();
        float[][] out = new float[length][];
        for (int t = 0; t < length; t++) {
            float[] rain = new float[side * side];
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    double total = 0;
                    for (int k = 0; k < n; k++) {
                        double dx = x - (x0[k] + cu[k] * t);
                        double dy = y - (y0[k] + cv[k] * t);
                        double a = (dx * cos[k] + dy * sin[k]) / sx[k];
                        double b = (-dx * sin[k] + dy * cos[k]) / sy[k];
                        double e = 0.5 * (a * a + b * b);
                        if (e < 12) {
                            total += peak[k] * Math.exp(growth[k] * t - e);
                        }
                    }
                    if (total > DRIZZLE) {
                        double noise = 0;
                        for (int w = 0; w < WAVES; w++) {
                            noise += Math.sin(kx[w] * (x - u * t) + ky[w] * (y - v * t) + phase[w]);
                        }
                        total *= Math.exp(textureAmplitude * noise / Math.sqrt(WAVES));
                    }
                    rain[y * side + x] = total > DRIZZLE ? (float) total : 0f;
                }
            }
            out[t] = rain;
        }
        return out;
    }
}
