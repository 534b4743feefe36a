package nowcast.frame;

/**
 * How a model-grid field is cut from a source grid: model pixel (r, c) is the average of the
 * {@code blockSize x blockSize} source block starting at row {@code cropRow + r*blockSize} and
 * column {@code cropCol + c*blockSize}. {@code averaging} is {@link #ARITHMETIC} (rates, VIL, images)
 * or {@link #LINEAR_Z} (dBZ, averaged as 10*log10(mean(10^(dBZ/10)))).
 */
public record GridMapping(int sourceRows, int sourceCols, int cropRow, int cropCol, int cropRows, int cropCols,
                          int blockSize, String averaging) {

    public static final String ARITHMETIC = "arithmetic";
    public static final String LINEAR_Z = "linear-z";

    public GridMapping {
        if (blockSize < 1) {
            throw new IllegalArgumentException("blockSize must be >= 1, got " + blockSize);
        }
        if (cropRows % blockSize != 0 || cropCols % blockSize != 0) {
            throw new IllegalArgumentException("crop " + cropRows + "x" + cropCols
                    + " is not a whole number of " + blockSize + "-pixel blocks");
        }
        if (cropRow < 0 || cropCol < 0 || cropRow + cropRows > sourceRows || cropCol + cropCols > sourceCols) {
            throw new IllegalArgumentException("crop rows " + cropRow + ".." + (cropRow + cropRows - 1) + ", cols "
                    + cropCol + ".." + (cropCol + cropCols - 1) + " lies outside the " + sourceRows + "x"
                    + sourceCols + " source grid");
        }
        if (!ARITHMETIC.equals(averaging) && !LINEAR_Z.equals(averaging)) {
            throw new IllegalArgumentException("averaging must be '" + ARITHMETIC + "' or '" + LINEAR_Z
                    + "', got '" + averaging + "'");
        }
    }

    public static GridMapping identity(int rows, int cols) {
        return new GridMapping(rows, cols, 0, 0, rows, cols, 1, ARITHMETIC);
    }

    /** The averaging that keeps a quantity physical: linear Z for reflectivity, arithmetic otherwise. */
    public static String averagingFor(Quantity quantity) {
        return quantity == Quantity.REFLECTIVITY ? LINEAR_Z : ARITHMETIC;
    }

    /**
     * The largest whole block size that fits a {@code targetRows x targetCols} grid into the source,
     * with the crop centred (the default rule when an operator gives no explicit crop).
     */
    public static GridMapping centred(int sourceRows, int sourceCols, int targetRows, int targetCols,
                                      Quantity quantity) {
        int block = Math.min(sourceRows / targetRows, sourceCols / targetCols);
        if (block < 1) {
            throw new IllegalArgumentException("source grid " + sourceRows + "x" + sourceCols
                    + " is smaller than the target grid " + targetRows + "x" + targetCols);
        }
        int rows = targetRows * block;
        int cols = targetCols * block;
        return new GridMapping(sourceRows, sourceCols, (sourceRows - rows) / 2, (sourceCols - cols) / 2, rows, cols,
                block, averagingFor(quantity));
    }

    /** An explicit crop of the source starting at (row, col), averaged in blocks to the target grid. */
    public static GridMapping crop(int sourceRows, int sourceCols, int row, int col, int targetRows, int targetCols,
                                   int blockSize, Quantity quantity) {
        return new GridMapping(sourceRows, sourceCols, row, col, targetRows * blockSize, targetCols * blockSize,
                blockSize, averagingFor(quantity));
    }

    public int targetRows() {
        return cropRows / blockSize;
    }

    public int targetCols() {
        return cropCols / blockSize;
    }
}
