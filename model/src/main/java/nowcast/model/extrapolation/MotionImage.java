package nowcast.model.extrapolation;

import nowcast.frame.PhysicalField;
import nowcast.frame.Quantity;

/**
 * The image the optical flow tracks, made from one channel of a physical field: about 0..1, 0 where
 * there is no echo or no data. Rain is taken on a log scale (like dBR), so that the flow follows the
 * shape of the rain field rather than its few heavy cores; reflectivity is already logarithmic.
 */
final class MotionImage {

    /** 0.1 mm/h, roughly 7 dBZ: weaker echo counts as none. */
    private static final float RAIN_FLOOR = 0.1f;
    private static final float RAIN_DB_RANGE = 30f;
    private static final float DBZ_FLOOR = 10f;
    private static final float DBZ_RANGE = 50f;

    private MotionImage() {
    }

    static float[] of(PhysicalField field) {
        int n = field.rows() * field.cols();
        int ch = field.channels();
        float[] out = new float[n];
        Quantity q = field.quantity();
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            float v = field.values()[i * ch];
            if (!Float.isNaN(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        for (int i = 0; i < n; i++) {
            float v = field.values()[i * ch];
            float x;
            if (Float.isNaN(v)) {
                x = 0;
            } else if (q == Quantity.RAIN_RATE || q == Quantity.ACCUMULATION) {
                x = v > RAIN_FLOOR ? (float) (10 * Math.log10(v / RAIN_FLOOR)) / RAIN_DB_RANGE : 0;
            } else if (q == Quantity.REFLECTIVITY) {
                x = (v - DBZ_FLOOR) / DBZ_RANGE;
            } else {
                x = max > min ? (v - min) / (max - min) : 0;
            }
            out[i] = Math.max(0f, Math.min(1f, x));
        }
        return out;
    }
}
