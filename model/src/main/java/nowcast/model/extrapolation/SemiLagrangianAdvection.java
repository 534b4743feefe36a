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
        Departures departures = Departures.along(motion, steps);
        List<PhysicalField> out = new ArrayList<>(steps);
        for (int s = 1; s <= steps; s++) {
            out.add(departures.sample(field, s));
        }
        return out;
    }

    /**
     * The departure points of every grid point after 1 to {@code steps} steps back along a motion
     * field. They depend only on the motion, so one set serves every field moved along it (the last
     * frame to each lead, older frames to the time of the last one).
     */
    public static final class Departures {
        private final int rows;
        private final int cols;
        private final float[][] row;
        private final float[][] col;

        private Departures(int rows, int cols, float[][] row, float[][] col) {
            this.rows = rows;
            this.cols = cols;
            this.row = row;
            this.col = col;
        }

        /** Steps back from every grid point, {@code x <- x - d(x)}, with the motion read at the current point. */
        public static Departures along(MotionField motion, int steps) {
            int rows = motion.rows();
            int cols = motion.cols();
            int n = rows * cols;
            float[][] posR = new float[steps + 1][n];
            float[][] posC = new float[steps + 1][n];
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    posR[0][r * cols + c] = r;
                    posC[0][r * cols + c] = c;
                }
            }
            for (int s = 1; s <= steps; s++) {
                float[] pr = posR[s - 1];
                float[] pc = posC[s - 1];
                for (int i = 0; i < n; i++) {
                    float r = pr[i];
                    float c = pc[i];
                    posR[s][i] = r - Raster.bilinear(motion.dRow(), rows, cols, r, c);
                    posC[s][i] = c - Raster.bilinear(motion.dCol(), rows, cols, r, c);
                }
            }
            return new Departures(rows, cols, posR, posC);
        }

        public int steps() {
            return row.length - 1;
        }

        /** {@code field} carried {@code steps} steps forward along the motion (0 returns it unchanged). */
        public PhysicalField sample(PhysicalField field, int steps) {
            if (field.rows() != rows || field.cols() != cols) {
                throw new IllegalArgumentException("motion field is " + rows + "x" + cols + " but the field is "
                        + field.rows() + "x" + field.cols());
            }
            if (steps < 0 || steps > steps()) {
                throw new IllegalArgumentException("departure points were traced for 0.." + steps() + " steps, not " + steps);
            }
            if (steps == 0) {
                return field;
            }
            int n = rows * cols;
            int ch = field.channels();
            float[] values = new float[n * ch];
            float[] plane = ch == 1 ? field.values() : new float[n];
            for (int k = 0; k < ch; k++) {
                if (ch > 1) {
                    for (int i = 0; i < n; i++) {
                        plane[i] = field.values()[i * ch + k];
                    }
                }
                float[] pr = row[steps];
                float[] pc = col[steps];
                for (int i = 0; i < n; i++) {
                    values[i * ch + k] = sampleSkippingMissing(plane, rows, cols, pr[i], pc[i]);
                }
            }
            return new PhysicalField(field.quantity(), rows, cols, ch, values);
        }
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
