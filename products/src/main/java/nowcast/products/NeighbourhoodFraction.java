package nowcast.products;

import nowcast.frame.PhysicalField;

/**
 * The share of valid pixels at or above a threshold in the square of half-width {@code h} pixels
 * around each pixel (the square is cut at the grid edge). No-data pixels count neither way; a square
 * without any valid pixel gives NaN. Summed-area tables make it O(pixels) whatever {@code h} is.
 */
public final class NeighbourhoodFraction {

    private NeighbourhoodFraction() {
    }

    public static float[] of(PhysicalField field, double threshold, int halfWidth) {
        if (halfWidth < 0) {
            throw new IllegalArgumentException("half-width must be >= 0, got " + halfWidth);
        }
        int rows = field.rows();
        int cols = field.cols();
        int ch = field.channels();
        float[] v = field.values();
        // (rows+1) x (cols+1) prefix sums of "valid" and "valid and exceeding"
        int[] valid = new int[(rows + 1) * (cols + 1)];
        int[] hit = new int[(rows + 1) * (cols + 1)];
        int w = cols + 1;
        for (int r = 0; r < rows; r++) {
            int rowValid = 0;
            int rowHit = 0;
            for (int c = 0; c < cols; c++) {
                float x = v[(r * cols + c) * ch];
                if (!Float.isNaN(x)) {
                    rowValid++;
                    if (x >= threshold) {
                        rowHit++;
                    }
                }
                valid[(r + 1) * w + c + 1] = valid[r * w + c + 1] + rowValid;
                hit[(r + 1) * w + c + 1] = hit[r * w + c + 1] + rowHit;
            }
        }
        float[] out = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            int r0 = Math.max(0, r - halfWidth);
            int r1 = Math.min(rows, r + halfWidth + 1);
            for (int c = 0; c < cols; c++) {
                int c0 = Math.max(0, c - halfWidth);
                int c1 = Math.min(cols, c + halfWidth + 1);
                int n = valid[r1 * w + c1] - valid[r0 * w + c1] - valid[r1 * w + c0] + valid[r0 * w + c0];
                int k = hit[r1 * w + c1] - hit[r0 * w + c1] - hit[r1 * w + c0] + hit[r0 * w + c0];
                out[r * cols + c] = n == 0 ? Float.NaN : (float) k / n;
            }
        }
        return out;
    }
}
