package nowcast.model.extrapolation;

/**
 * A dense displacement field in pixels per frame step: the echo at (row, col) moves by
 * {@code (dRow, dCol)} from one frame to the next. Row 0 is the northern edge.
 */
public record MotionField(int rows, int cols, float[] dRow, float[] dCol) {

    public MotionField {
        if (rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException("motion field shape must be positive, got " + rows + "x" + cols);
        }
        if (dRow.length != rows * cols || dCol.length != rows * cols) {
            throw new IllegalArgumentException("motion field of " + rows + "x" + cols + " needs " + rows * cols
                    + " values per component, got " + dRow.length + " and " + dCol.length);
        }
    }

    public static MotionField still(int rows, int cols) {
        return new MotionField(rows, cols, new float[rows * cols], new float[rows * cols]);
    }

    /** The component-wise mean of two fields of one shape. */
    public static MotionField mean(MotionField a, MotionField b) {
        if (a.rows != b.rows || a.cols != b.cols) {
            throw new IllegalArgumentException("cannot average motion fields of " + a.rows + "x" + a.cols + " and "
                    + b.rows + "x" + b.cols);
        }
        float[] r = new float[a.dRow.length];
        float[] c = new float[a.dCol.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = 0.5f * (a.dRow[i] + b.dRow[i]);
            c[i] = 0.5f * (a.dCol[i] + b.dCol[i]);
        }
        return new MotionField(a.rows, a.cols, r, c);
    }

    public float dRowAt(int row, int col) {
        return dRow[row * cols + col];
    }

    public float dColAt(int row, int col) {
        return dCol[row * cols + col];
    }
}
