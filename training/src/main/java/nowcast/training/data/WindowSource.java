package nowcast.training.data;

import nowcast.frame.Quantity;

/**
 * A finite, indexable set of training windows: each is {@code inputFrames + outputFrames}
 * consecutive model-grid fields (row-major {@code side x side}) in physical units of
 * {@link #quantity()} (NaN = no data), oldest first. The same index always yields the same window.
 */
public interface WindowSource {

    /** The physical quantity of every field (and so its unit). */
    Quantity quantity();

    /** A short label for logs and reports, e.g. {@code knmi:/data/KNMI (train)}. */
    String name();

    int size();

    /** Side of the square model grid (128 for GS2PM). */
    int side();

    /** The frames of window {@code index}, oldest first; callers must not modify them. */
    float[][] window(int index);
}
