package nowcast.model.extrapolation;

import java.util.ArrayList;
import java.util.List;

import nowcast.frame.PhysicalField;

/**
 * Backward semi-Lagrangian advection along a constant motion field: the value at p after k steps
 * is the field at the departure point reached by stepping back k times, {@code x <- x - d(x)}, with
 * the motion read at the current departure point (so curved paths stay curved). Values are read by
 * bilinear interpolation; departure points beyond the grid read the edge (edge values replicated).
 * A missing (NaN) source pixel is left out of the interpolation; a departure point whose valid
 * neighbours carry less than half of the bilinear weight gives NaN (the half-valid rule of the grid).
 */
public final class SemiLagrangianAdvection {

    private SemiLagrangianAdvection() {
    }

    /** The field advected by 1, 2, ..., {@code steps} frame steps. */
    public static List<PhysicalField> advect(PhysicalField field, MotionField motion, int steps) {
        int rows = field.rows();
        int cols = field.cols();
        if (motion.rows() != rows || motion.cols() != cols) {
            throw new IllegalArgumentException("motion field is " + motion.rows() + "x" + motion.cols()
                    + " but the field is " + rows + "x" + cols);
        }
        int n = rows * cols;
        int ch = field.channels();
        float[] posR = new float[n];
        float[] posC = new float[n];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                posR[r * cols + c] = r;
                posC[r * cols + c] = c;
            }
        }
        float[][] planes = new float[ch][n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < ch; k++) {
                planes[k][i] = field.values()[i * ch + k];
            }
        }
        List<PhysicalField> out = new ArrayList<>(steps);
        for (int s = 0; s < steps; s++) {
            for (int i = 0; i < n; i++) {
                float r = posR[i];
                float c = posC[i];
                posR[i] = r - Raster.bilinear(motion.dRow(), rows, cols, r, c);
                posC[i] = c - Raster.bilinear(motion.dCol(), rows, cols, r, c);
            }
            float[] values = new float[n * ch];
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < ch; k++) {
                    values[i * ch + k] = sampleSkippingMissing(planes[k], rows, cols, posR[i], posC[i]);
                }
            }
            out.add(new PhysicalField(field.quantity(), rows, cols, ch, values));
        }
        return out;
    }

    private static float sampleSkippingMissing(float[] img, int rows, int cols, float row, float col) {
        float r = Math.min(Math.max(row, 0f), rows - 1f);
        float c = Math.min(Math.max(col, 0f), cols - 1f);
        int r0 = (int) r;
        int c0 = (int) c;
        int r1 = Math.min(r0 + 1, rows - 1);
        int c1 = Math.min(c0 + 1, cols - 1);
        float fr = r - r0;
        float fc = c - c0;
        float v00 = img[r0 * cols + c0];
        float v01 = img[r0 * cols + c1];
        float v10 = img[r1 * cols + c0];
        float v11 = img[r1 * cols + c1];
        float w00 = (1 - fr) * (1 - fc);
        float w01 = (1 - fr) * fc;
        float w10 = fr * (1 - fc);
        float w11 = fr * fc;
        if (!Float.isNaN(v00) && !Float.isNaN(v01) && !Float.isNaN(v10) && !Float.isNaN(v11)) {
            return v00 * w00 + v01 * w01 + v10 * w10 + v11 * w11;
        }
        float sum = 0;
        float weight = 0;
        if (!Float.isNaN(v00)) {
            sum += v00 * w00;
            weight += w00;
        }
        if (!Float.isNaN(v01)) {
            sum += v01 * w01;
            weight += w01;
        }
        if (!Float.isNaN(v10)) {
            sum += v10 * w10;
            weight += w10;
        }
        if (!Float.isNaN(v11)) {
            sum += v11 * w11;
            weight += w11;
        }
        return weight >= 0.5f ? sum / weight : Float.NaN;
    }
}
