package nowcast.model.extrapolation;

import nowcast.frame.PhysicalField;
import nowcast.frame.Quantity;

/** Smooth rain fields for tests: a sum of Gaussian cells on a dry background. */
final class SyntheticRain {

    private SyntheticRain() {
    }

    /** Cells of peak {@code peak} mm/h and width {@code sigma} px centred at (rows[i], cols[i]). */
    static PhysicalField cells(int size, float[] centreRows, float[] centreCols, float sigma, float peak) {
        float[] v = new float[size * size];
        for (int r = 0; r < size; r++) {
            for (int c = 0; c < size; c++) {
                double sum = 0;
                for (int k = 0; k < centreRows.length; k++) {
                    double dr = r - centreRows[k];
                    double dc = c - centreCols[k];
                    sum += peak * Math.exp(-(dr * dr + dc * dc) / (2 * sigma * sigma));
                }
                v[r * size + c] = (float) sum;
            }
        }
        return PhysicalField.single(Quantity.RAIN_RATE, size, size, v);
    }

    /** Three cells moved by {@code step} times (dRow, dCol) from their start. */
    static PhysicalField movedCells(int size, int step, float dRow, float dCol) {
        float[] rows = {40f, 70f, 90f};
        float[] cols = {60f, 100f, 75f};
        for (int k = 0; k < rows.length; k++) {
            rows[k] += step * dRow;
            cols[k] += step * dCol;
        }
        return cells(size, rows, cols, 7f, 20f);
    }
}
