package nowcast.sink.alerts;

import nowcast.frame.GeoReference;
import nowcast.frame.Quantity;

/**
 * What the sink knows of a source when a rule for it arrives: its quantity and the geo-reference and
 * size of its forecast grid ({@code geo} null: no geo-reference). {@code quantity} is null for a source
 * the sink only knows from its store (after a restart, before the next forecast).
 */
public record SourceFacts(Quantity quantity, GeoReference geo, int rows, int cols) {

    public boolean live() {
        return quantity != null;
    }
}
