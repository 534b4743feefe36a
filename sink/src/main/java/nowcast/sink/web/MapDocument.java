package nowcast.sink.web;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * {@code GET /api/sources/{id}/map} of a geo-referenced source: the view, where the observation and
 * the forecast lie in it (null where unknown), coast and border lines and a lon/lat lattice. A source
 * without a usable geo-reference gets an {@link Unmapped} document instead.
 */
public record MapDocument(String sourceId, boolean georeferenced, String projection, String units, Extent view,
                          Extent observed, Extent forecast, List<Line> lines, Lattice lattice) {

    /** The map of a source that cannot be drawn on one, with the reason when there is one. */
    public record Unmapped(String sourceId, boolean georeferenced,
                           @JsonInclude(JsonInclude.Include.NON_NULL) String reason) {
    }

    /** A rectangle in the view's projected coordinates. */
    public record Extent(double xMin, double yMin, double xMax, double yMax) {
    }

    /** A coast or border line as x, y pairs (rounded to 0.001 of the view's units). */
    public record Line(boolean border, double[] xy) {
    }

    /** Longitude and latitude (rounded to 1e-5 degrees) at size x size points spread over the view. */
    public record Lattice(int size, double[] lon, double[] lat) {
    }
}
