package nowcast.forecast;

/**
 * How a model-grid field was cut from the source grid: model pixel (r, c) is the average of
 * source rows {@code cropRow + r*blockSize ...} and columns {@code cropCol + c*blockSize ...}
 * over a {@code blockSize x blockSize} block. {@code averaging} is "arithmetic" or "linear-z".
 */
public record GridMapping(int sourceRows, int sourceCols, int cropRow, int cropCol, int cropRows, int cropCols,
                          int blockSize, String averaging) {

    public static GridMapping identity(int rows, int cols) {
        return new GridMapping(rows, cols, 0, 0, rows, cols, 1, "arithmetic");
    }
}
