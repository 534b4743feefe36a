package nowcast.products;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import nowcast.frame.Quantity;

/**
 * Collects neighbourhood fractions with what was observed, binned by fraction, per quantity, threshold
 * rank and lead band, and fits the Platt coefficients of a {@link Calibration} by weighted logistic regression
 * (Newton steps) with a weak pull towards the identity (a = 0, b = 1), which keeps a band with few or
 * no events well defined. The bins (1/400 of the fraction range) lose at most 0.00125 of a fraction.
 */
public final class CalibrationFit {

    public static final int FRACTION_BINS = 400;
    /** Histogram index of pixels without any forecast exceedance in the outer square: probability 0, not fitted. */
    public static final int DRY_BIN = FRACTION_BINS + 1;
    /** Weight of the pull towards the identity, in pixels' worth of evidence. */
    static final double PRIOR = 10;

    private final Calibration base;
    private final Map<Long, long[][]> histograms = new TreeMap<>();

    public CalibrationFit(Calibration base) {
        this.base = base;
    }

    /** Adds one raw fraction field against the observation at the same lead. */
    public void add(Quantity quantity, int rank, double leadMinutes, float[] fraction, float[] observed,
                    int observedChannels, double threshold) {
        long key = key(quantity, rank, leadMinutes);
        long[][] h = histograms.computeIfAbsent(key, k -> new long[2][FRACTION_BINS + 2]);
        for (int i = 0; i < fraction.length; i++) {
            float o = observed[i * observedChannels];
            if (Float.isNaN(o) || Float.isNaN(fraction[i])) {
                continue;
            }
            int bin = Math.round(fraction[i] * FRACTION_BINS);
            h[0][bin]++;
            if (o >= threshold) {
                h[1][bin]++;
            }
        }
    }

    /**
     * Adds a histogram of fractions: {@code counts[i]} pixels had a fraction of about
     * {@code i / FRACTION_BINS}, {@code events[i]} of them saw the event.
     */
    public void addHistogram(Quantity quantity, int rank, double leadMinutes, long[] counts, long[] events) {
        long key = key(quantity, rank, leadMinutes);
        long[][] h = histograms.computeIfAbsent(key, k -> new long[2][FRACTION_BINS + 2]);
        for (int i = 0; i <= DRY_BIN; i++) {
            h[0][i] += counts[i];
            h[1][i] += events[i];
        }
    }

    private static long key(Quantity quantity, int rank, double leadMinutes) {
        return ((long) quantity.ordinal() << 48) | ((long) rank << 32) | Calibration.leadBand(leadMinutes);
    }

    /** The bin of a fraction in the histograms. */
    public static int bin(float fraction) {
        return Math.round(fraction * FRACTION_BINS);
    }

    /** The fraction a bin stands for. */
    public static float fractionOf(int bin) {
        return (float) bin / FRACTION_BINS;
    }

    public void addAll(CalibrationFit other) {
        other.histograms.forEach((key, h) -> {
            long[][] mine = histograms.computeIfAbsent(key, k -> new long[2][FRACTION_BINS + 2]);
            for (int i = 0; i <= DRY_BIN; i++) {
                mine[0][i] += h[0][i];
                mine[1][i] += h[1][i];
            }
        });
    }

    public Calibration fit(String name) {
        List<Calibration.Band> bands = new ArrayList<>();
        histograms.forEach((key, h) -> {
            Quantity quantity = Quantity.values()[(int) (key >>> 48)];
            int rank = (int) ((key >>> 32) & 0xffff);
            int band = (int) (key & 0xffffffffL);
            double[] ab = platt(h);
            bands.add(new Calibration.Band(quantity, rank, band, ab[0], ab[1]));
        });
        return new Calibration(name, base.halfWidthAt0(), base.halfWidthPerHour(), base.epsilon(), bands);
    }

    private double[] platt(long[][] h) {
        double a = 0;
        double b = 1;
        double loss = loss(h, a, b);
        for (int iter = 0; iter < 100; iter++) {
            // gradient and Hessian of the negative log-likelihood plus PRIOR/2 * (a^2 + (b-1)^2)
            double ga = PRIOR * a;
            double gb = PRIOR * (b - 1);
            double haa = PRIOR;
            double hab = 0;
            double hbb = PRIOR;
            for (int i = 0; i <= FRACTION_BINS; i++) {
                long n = h[0][i];
                if (n == 0) {
                    continue;
                }
                double x = base.logit((double) i / FRACTION_BINS);
                double p = Calibration.platt(a, b, x);
                double r = n * p - h[1][i];
                double w = n * p * (1 - p);
                ga += r;
                gb += r * x;
                haa += w;
                hab += w * x;
                hbb += w * x * x;
            }
            double det = haa * hbb - hab * hab;
            if (!(det > 0)) {
                break;
            }
            double da = (hbb * ga - hab * gb) / det;
            double db = (haa * gb - hab * ga) / det;
            // damped Newton: halve the step until the loss goes down (plain steps overshoot from far away)
            double step = 1;
            double next = loss(h, a - da, b - db);
            while (next > loss && step > 1e-6) {
                step /= 2;
                next = loss(h, a - step * da, b - step * db);
            }
            if (next > loss) {
                break;
            }
            a -= step * da;
            b -= step * db;
            boolean converged = loss - next < 1e-10 * Math.max(1, Math.abs(loss));
            loss = next;
            if (converged) {
                break;
            }
        }
        return new double[] {a, b};
    }

    private double loss(long[][] h, double a, double b) {
        double sum = PRIOR / 2 * (a * a + (b - 1) * (b - 1));
        for (int i = 0; i <= FRACTION_BINS; i++) {
            long n = h[0][i];
            if (n == 0) {
                continue;
            }
            double z = a + b * base.logit((double) i / FRACTION_BINS);
            // -log p = log(1 + e^-z), -log(1 - p) = log(1 + e^z), written to avoid overflow
            long events = h[1][i];
            sum += events * softplus(-z) + (n - events) * softplus(z);
        }
        return sum;
    }

    private static double softplus(double z) {
        return z > 30 ? z : Math.log1p(Math.exp(z));
    }
}
