package nowcast.frame;

import java.util.Objects;

/**
 * A raster of physical values: {@code rows x cols x channels} floats, row-major and channel-last,
 * in the unit of {@link #quantity()}. {@code NaN} means "not measured" (no data); a measured
 * absence of echo is a real value (0 mm/h, or the product's dBZ floor).
 */
public record PhysicalField(Quantity quantity, int rows, int cols, int channels, float[] values) {

    public PhysicalField {
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(values, "values");
        if (rows <= 0 || cols <= 0 || channels <= 0) {
            throw new IllegalArgumentException("field shape must be positive, got rows=" + rows
                    + " cols=" + cols + " channels=" + channels);
        }
        long expected = (long) rows * cols * channels;
        if (values.length != expected) {
            throw new IllegalArgumentException("field of " + rows + "x" + cols + "x" + channels
                    + " needs " + expected + " values, got " + values.length);
        }
    }

    public static PhysicalField single(Quantity quantity, int rows, int cols, float[] values) {
        return new PhysicalField(quantity, rows, cols, 1, values);
    }

    public float get(int row, int col, int channel) {
        return values[(row * cols + col) * channels + channel];
    }

    public float get(int row, int col) {
        return get(row, col, 0);
    }

    public int size() {
        return values.length;
    }
}
