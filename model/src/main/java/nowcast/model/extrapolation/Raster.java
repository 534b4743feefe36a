package nowcast.model.extrapolation;

/**
 * The image operations the flow and the advection share, on row-major float rasters with edge
 * values replicated beyond the border.
 */
final class Raster {

    private Raster() {
    }

    /** Bilinear sample at fractional (row, col); coordinates outside the raster are clamped to its edge. */
    static float bilinear(float[] img, int rows, int cols, float row, float col) {
        float r = Math.min(Math.max(row, 0f), rows - 1f);
        float c = Math.min(Math.max(col, 0f), cols - 1f);
        int r0 = Math.min((int) r, rows - 2 < 0 ? 0 : rows - 2);
        int c0 = Math.min((int) c, cols - 2 < 0 ? 0 : cols - 2);
        int r1 = Math.min(r0 + 1, rows - 1);
        int c1 = Math.min(c0 + 1, cols - 1);
        float fr = r - r0;
        float fc = c - c0;
        float top = img[r0 * cols + c0] * (1 - fc) + img[r0 * cols + c1] * fc;
        float bottom = img[r1 * cols + c0] * (1 - fc) + img[r1 * cols + c1] * fc;
        return top * (1 - fr) + bottom * fr;
    }

    /** Separable Gaussian blur, kernel truncated at 3 sigma, edges replicated. */
    static float[] gaussian(float[] img, int rows, int cols, float sigma) {
        int radius = Math.max(1, (int) Math.ceil(3 * sigma));
        float[] kernel = new float[2 * radius + 1];
        float sum = 0;
        for (int i = -radius; i <= radius; i++) {
            kernel[i + radius] = (float) Math.exp(-0.5 * i * i / (sigma * sigma));
            sum += kernel[i + radius];
        }
        for (int i = 0; i < kernel.length; i++) {
            kernel[i] /= sum;
        }
        float[] tmp = new float[img.length];
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            for (int c = 0; c < cols; c++) {
                float acc = 0;
                for (int k = -radius; k <= radius; k++) {
                    int cc = Math.min(Math.max(c + k, 0), cols - 1);
                    acc += kernel[k + radius] * img[base + cc];
                }
                tmp[base + c] = acc;
            }
        }
        float[] out = new float[img.length];
        for (int r = 0; r < rows; r++) {
            for (int k = -radius; k <= radius; k++) {
                int rr = Math.min(Math.max(r + k, 0), rows - 1);
                float w = kernel[k + radius];
                int src = rr * cols;
                int dst = r * cols;
                for (int c = 0; c < cols; c++) {
                    out[dst + c] += w * tmp[src + c];
                }
            }
        }
        return out;
    }

    /** Halves the resolution: a light blur against aliasing, then the mean of each 2x2 block. */
    static float[] halve(float[] img, int rows, int cols) {
        float[] smooth = gaussian(img, rows, cols, 0.7f);
        int hr = rows / 2;
        int hc = cols / 2;
        float[] out = new float[hr * hc];
        for (int r = 0; r < hr; r++) {
            for (int c = 0; c < hc; c++) {
                int a = (2 * r) * cols + 2 * c;
                out[r * hc + c] = 0.25f * (smooth[a] + smooth[a + 1] + smooth[a + cols] + smooth[a + cols + 1]);
            }
        }
        return out;
    }

    /** Resamples a coarse displacement component onto a finer grid, multiplying it by {@code scale}. */
    static float[] upsampleDisplacement(float[] coarse, int coarseRows, int coarseCols, int rows, int cols,
                                        float scale) {
        float[] out = new float[rows * cols];
        float sr = (float) coarseRows / rows;
        float sc = (float) coarseCols / cols;
        for (int r = 0; r < rows; r++) {
            float cr = (r + 0.5f) * sr - 0.5f;
            for (int c = 0; c < cols; c++) {
                float cc = (c + 0.5f) * sc - 0.5f;
                out[r * cols + c] = scale * bilinear(coarse, coarseRows, coarseCols, cr, cc);
            }
        }
        return out;
    }
}
