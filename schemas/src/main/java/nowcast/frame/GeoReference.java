package nowcast.frame;

import java.util.List;

/**
 * Placement of a grid in the source projection: outer edges of the grid in projected units,
 * pixel sizes, the PROJ string, and optionally lon/lat corners (LL, UL, UR, LR; lon then lat).
 */
public record GeoReference(String projection, double xMin, double yMin, double xMax, double yMax,
                           double pixelSizeX, double pixelSizeY, String units, List<Double> corners) {

    public GeoReference {
        corners = corners == null ? List.of() : List.copyOf(corners);
        units = units == null ? "m" : units;
    }
}
