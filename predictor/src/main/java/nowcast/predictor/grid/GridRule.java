package nowcast.predictor.grid;

import nowcast.frame.GridMapping;
import nowcast.frame.Quantity;

/**
 * An operator's explicit crop for one source: the model grid is the {@code blockSize}-averaged area of
 * the source grid starting at ({@code row}, {@code col}). Written {@code row,col,blockSize} on the
 * command line ({@code --grid-rule knmi=60,30,4}).
 */
public record GridRule(int row, int col, int blockSize) {

    public static GridRule parse(String text) {
        String[] parts = text.split(",");
        if (parts.length != 3) {
            throw new IllegalArgumentException("grid rule '" + text + "' must be row,col,blockSize");
        }
        try {
            return new GridRule(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()),
                    Integer.parseInt(parts[2].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("grid rule '" + text + "' must be three integers row,col,blockSize",
                    e);
        }
    }

    GridMapping apply(int sourceRows, int sourceCols, int modelRows, int modelCols, Quantity quantity) {
        return GridMapping.crop(sourceRows, sourceCols, row, col, modelRows, modelCols, blockSize, quantity);
    }
}
