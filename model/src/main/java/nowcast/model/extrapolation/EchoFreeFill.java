package nowcast.model.extrapolation;

/**
 * Gives echo-free areas the motion of the echoes around them. Flow there is unobservable, yet the
 * backward advection reads it: a zero vector in front of a rain band would stop rain from entering.
 * The filled field is a normalised convolution, {@code G*(w d) / G*(w)}, with weight {@code w} = 1 on
 * echo pixels, pulled smoothly towards the echo-weighted mean motion where no echo is near
 * (weight {@code farWeight}). It also smooths the motion inside echoes at the scale {@code sigma}.
 */
public record EchoFreeFill(float sigma, float farWeight) {

    public EchoFreeFill {
        if (!(sigma > 0) || !(farWeight > 0)) {
            throw new IllegalArgumentException("sigma and farWeight must be > 0, got " + sigma + ", " + farWeight);
        }
    }

    /** Sigma 4 pixels (8 km on the 128x128 evaluation grid), far weight 0.02. */
    public static EchoFreeFill defaults() {
        return new EchoFreeFill(4f, 0.02f);
    }

    /** {@code echo[i]} says whether pixel i shows precipitation; with no echo at all the field is still. */
    public MotionField apply(MotionField motion, boolean[] echo) {
        int rows = motion.rows();
        int cols = motion.cols();
        int n = rows * cols;
        float[] w = new float[n];
        float[] wr = new float[n];
        float[] wc = new float[n];
        double sumW = 0;
        double sumR = 0;
        double sumC = 0;
        for (int i = 0; i < n; i++) {
            if (echo[i]) {
                w[i] = 1;
                wr[i] = motion.dRow()[i];
                wc[i] = motion.dCol()[i];
                sumW++;
                sumR += wr[i];
                sumC += wc[i];
            }
        }
        if (sumW == 0) {
            return MotionField.still(rows, cols);
        }
        float meanR = (float) (sumR / sumW);
        float meanC = (float) (sumC / sumW);
        float[] gw = Raster.gaussian(w, rows, cols, sigma);
        float[] gr = Raster.gaussian(wr, rows, cols, sigma);
        float[] gc = Raster.gaussian(wc, rows, cols, sigma);
        float[] outR = new float[n];
        float[] outC = new float[n];
        for (int i = 0; i < n; i++) {
            float denom = gw[i] + farWeight;
            outR[i] = (gr[i] + farWeight * meanR) / denom;
            outC[i] = (gc[i] + farWeight * meanC) / denom;
        }
        return new MotionField(rows, cols, outR, outC);
    }
}
