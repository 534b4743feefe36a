package nowcast.app.predict;

import nowcast.frame.PhysicalField;
import nowcast.frame.Quantity;

/**
 * A rain cell (Gaussian, 0..50 mm/h) drifting across a square grid, one position per frame, offset per
 * source so that sources differ; enough structure for a model to chew on, cheap to make.
 */
final class SyntheticStorm {

    private final int size;

    SyntheticStorm(int size) {
        this.size = size;
    }

    PhysicalField frame(int source, int step) {
        float[] v = new float[size * size];
        double cx = (size * 0.2 + step * 1.5 + source * 7) % size;
        double cy = (size * 0.3 + step * 0.8 + source * 3) % size;
        double sigma2 = 2 * Math.pow(size / 8.0, 2);
        for (int r = 0; r < size; r++) {
            for (int c = 0; c < size; c++) {
                double d2 = (r - cy) * (r - cy) + (c - cx) * (c - cx);
                v[r * size + c] = (float) (50 * Math.exp(-d2 / sigma2));
            }
        }
        return PhysicalField.single(Quantity.RAIN_RATE, size, size, v);
    }
}
