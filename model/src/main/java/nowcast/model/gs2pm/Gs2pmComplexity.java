package nowcast.model.gs2pm;

/**
 * Multiply-accumulates of one sample (T frames) through the prediction branch, counted the way
 * docs/spec/gs2pm.md section 14 does: every convolution and linear layer plus the two attention matmuls;
 * norms, activations and additions are not counted. FLOPs = 2 x MACs.
 */
public final class Gs2pmComplexity {

    private Gs2pmComplexity() {
    }

    public static long predictionMacs(Gs2pmConfig c) {
        return c.frames() * (encoderMacs(c) + decoderMacs(c)) + translatorMacs(c);
    }

    /** What the pre-training forward adds: the reconstruction branch's encoder and decoder. */
    public static long reconstructionMacs(Gs2pmConfig c) {
        return c.frames() * (encoderMacs(c) + decoderMacs(c));
    }

    static long encoderMacs(Gs2pmConfig c) {
        long size = c.imageSize();
        long hid = c.hidS();
        long macs = size * size * hid * c.channels() * 9;
        for (int i = 1; i < c.nS(); i++) {
            if (i % 2 == 1) {
                size /= 2;
            }
            macs += size * size * hid * hid * 9;
        }
        return macs;
    }

    static long decoderMacs(Gs2pmConfig c) {
        long size = c.latentSize();
        long hid = c.hidS();
        long macs = 0;
        for (int i = 0; i < c.nS(); i++) {
            if (i % 2 == 0) {
                macs += size * size * 4 * hid * hid * 9;
                size *= 2;
            } else {
                macs += size * size * hid * hid * 9;
            }
        }
        return macs + size * size * c.channels() * hid;
    }

    static long translatorMacs(Gs2pmConfig c) {
        long n = (long) c.latentSize() * c.latentSize();
        long d0 = c.translatorInputWidth();
        long dt = c.hidT();
        long r = c.mlpRatio();
        long macs = 0;
        for (int k = 0; k < c.nT(); k++) {
            long in = k == 0 ? d0 : dt;
            long out = k == c.nT() - 1 ? d0 : dt;
            boolean attention = in == out && k > 0;
            if (attention) {
                macs += n * (9 * in + 3 * in * in + in * in + 2 * r * in * in) + 2 * n * n * in;
            } else {
                macs += n * (9 * in + 2 * in * in + 25 * in + 2 * r * in * in);
            }
            if (in != out) {
                macs += n * in * out;
            }
        }
        return macs;
    }
}
