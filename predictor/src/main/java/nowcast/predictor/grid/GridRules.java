package nowcast.predictor.grid;

import java.util.Map;

import nowcast.frame.GeoReference;
import nowcast.frame.GridMapping;
import nowcast.frame.Quantity;

/**
 * Chooses how each source's frames are mapped to the model grid: the source's explicit
 * {@link GridRule} when the operator gave one, otherwise {@link GridMapping#centred} (the largest whole
 * block that fits the model grid, crop centred). Averaging follows the quantity (linear Z for dBZ).
 */
public final class GridRules {

    private final int modelRows;
    private final int modelCols;
    private final Map<String, GridRule> explicit;

    public GridRules(int modelRows, int modelCols, Map<String, GridRule> explicit) {
        this.modelRows = modelRows;
        this.modelCols = modelCols;
        this.explicit = Map.copyOf(explicit);
    }

    /** @throws IllegalArgumentException naming the source when its grid cannot hold the model grid */
    public GridMapping mappingFor(String sourceId, int sourceRows, int sourceCols, Quantity quantity) {
        GridRule rule = explicit.get(sourceId);
        try {
            return rule == null
                    ? GridMapping.centred(sourceRows, sourceCols, modelRows, modelCols, quantity)
                    : rule.apply(sourceRows, sourceCols, modelRows, modelCols, quantity);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("source " + sourceId + ": cannot map its " + sourceRows + "x"
                    + sourceCols + " grid to the " + modelRows + "x" + modelCols + " model grid: " + e.getMessage(), e);
        }
    }

    /**
     * The geo-reference of the model grid cut from a source grid by {@code mapping}, assuming the usual
     * raster orientation (row 0 at the top, i.e. at {@code yMax}). Lon/lat corners are not carried over
     * because they would need the projection; consumers use the projected extent.
     */
    public static GeoReference modelGeo(GeoReference source, GridMapping mapping) {
        if (source == null) {
            return null;
        }
        double xMin = source.xMin() + mapping.cropCol() * source.pixelSizeX();
        double yMax = source.yMax() - mapping.cropRow() * source.pixelSizeY();
        return new GeoReference(source.projection(), xMin, yMax - mapping.cropRows() * source.pixelSizeY(),
                xMin + mapping.cropCols() * source.pixelSizeX(), yMax, source.pixelSizeX() * mapping.blockSize(),
                source.pixelSizeY() * mapping.blockSize(), source.units(), null);
    }
}
