package nowcast.frame;

/**
 * Applies a {@link GridMapping} to a field: crop, then average non-overlapping blocks. A block is
 * invalid (NaN) when fewer than half of its source pixels are valid (docs/spec/evaluation-protocol.md, "Grid");
 * reflectivity is averaged in linear Z so that a block keeps its radar meaning.
 */
public final class BlockAverage {

    private BlockAverage() {
    }

    public static PhysicalField apply(PhysicalField source, GridMapping mapping) {
        if (source.rows() != mapping.sourceRows() || source.cols() != mapping.sourceCols()) {
            throw new IllegalArgumentException("mapping is for a " + mapping.sourceRows() + "x" + mapping.sourceCols()
                    + " grid but the field is " + source.rows() + "x" + source.cols());
        }
        int block = mapping.blockSize();
        int outRows = mapping.targetRows();
        int outCols = mapping.targetCols();
        int ch = source.channels();
        boolean linearZ = GridMapping.LINEAR_Z.equals(mapping.averaging());
        float[] in = source.values();
        float[] out = new float[outRows * outCols * ch];
        int needed = (block * block + 1) / 2;
        for (int r = 0; r < outRows; r++) {
            for (int c = 0; c < outCols; c++) {
                for (int k = 0; k < ch; k++) {
                    double sum = 0;
                    int valid = 0;
                    for (int dr = 0; dr < block; dr++) {
                        int row = mapping.cropRow() + r * block + dr;
                        int base = row * source.cols();
                        for (int dc = 0; dc < block; dc++) {
                            float v = in[(base + mapping.cropCol() + c * block + dc) * ch + k];
                            if (!Float.isNaN(v)) {
                                sum += linearZ ? Math.pow(10.0, v / 10.0) : v;
                                valid++;
                            }
                        }
                    }
                    float value;
                    if (valid < needed) {
                        value = Float.NaN;
                    } else {
                        double mean = sum / valid;
                        value = (float) (linearZ ? 10.0 * Math.log10(mean) : mean);
                    }
                    out[(r * outCols + c) * ch + k] = value;
                }
            }
        }
        return new PhysicalField(source.quantity(), outRows, outCols, ch, out);
    }
}
