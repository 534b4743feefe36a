package nowcast.training.evaluation;

/**
 * Structural similarity as the protocol fixes it (Wang et al. 2004): Gaussian window of sigma 1.5
 * truncated to 11x11, K1 = 0.01, K2 = 0.03, data range 1, population (not sample) covariances, and
 * the mean of the SSIM map with a 5-pixel border removed, so that every kept window lies inside the
 * image and no edge rule is involved.
 */
public final class Ssim {

    static final int RADIUS = 5;
    private static final double SIGMA = 1.5;
    private static final double C1 = 0.01 * 0.01;
    private static final double C2 = 0.03 * 0.03;
    private static final double[] KERNEL = kernel();

    private Ssim() {
    }

    private static double[] kernel() {
        double[] k = new double[2 * RADIUS + 1];
        double sum = 0;
        for (int i = -RADIUS; i <= RADIUS; i++) {
            k[i + RADIUS] = Math.exp(-0.5 * i * i / (SIGMA * SIGMA));
            sum += k[i + RADIUS];
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= sum;
        }
        return k;
    }

    /** Mean SSIM of two {@code rows x cols} images on the 0..1 scale. */
    public static double mean(float[] x, float[] y, int rows, int cols) {
        if (rows <= 2 * RADIUS || cols <= 2 * RADIUS) {
            throw new IllegalArgumentException("SSIM needs images larger than " + (2 * RADIUS) + "x" + (2 * RADIUS)
                    + ", got " + rows + "x" + cols);
        }
        int n = rows * cols;
        double[] xx = new double[n];
        double[] yy = new double[n];
        double[] xy = new double[n];
        double[] xd = new double[n];
        double[] yd = new double[n];
        for (int i = 0; i < n; i++) {
            xd[i] = x[i];
            yd[i] = y[i];
            xx[i] = xd[i] * xd[i];
            yy[i] = yd[i] * yd[i];
            xy[i] = xd[i] * yd[i];
        }
        double[] mx = filterInterior(xd, rows, cols);
        double[] my = filterInterior(yd, rows, cols);
        double[] mxx = filterInterior(xx, rows, cols);
        double[] myy = filterInterior(yy, rows, cols);
        double[] mxy = filterInterior(xy, rows, cols);
        double sum = 0;
        int count = 0;
        for (int r = RADIUS; r < rows - RADIUS; r++) {
            for (int c = RADIUS; c < cols - RADIUS; c++) {
                int i = r * cols + c;
                double ux = mx[i];
                double uy = my[i];
                double vx = mxx[i] - ux * ux;
                double vy = myy[i] - uy * uy;
                double vxy = mxy[i] - ux * uy;
                sum += ((2 * ux * uy + C1) * (2 * vxy + C2)) / ((ux * ux + uy * uy + C1) * (vx + vy + C2));
                count++;
            }
        }
        return sum / count;
    }

    /** Gaussian-weighted local means, computed only where the whole window fits. */
    private static double[] filterInterior(double[] img, int rows, int cols) {
        double[] tmp = new double[img.length];
        for (int r = 0; r < rows; r++) {
            for (int c = RADIUS; c < cols - RADIUS; c++) {
                double acc = 0;
                for (int k = -RADIUS; k <= RADIUS; k++) {
                    acc += KERNEL[k + RADIUS] * img[r * cols + c + k];
                }
                tmp[r * cols + c] = acc;
            }
        }
        double[] out = new double[img.length];
        for (int r = RADIUS; r < rows - RADIUS; r++) {
            for (int c = RADIUS; c < cols - RADIUS; c++) {
                double acc = 0;
                for (int k = -RADIUS; k <= RADIUS; k++) {
                    acc += KERNEL[k + RADIUS] * tmp[(r + k) * cols + c];
                }
                out[r * cols + c] = acc;
            }
        }
        return out;
    }
}
