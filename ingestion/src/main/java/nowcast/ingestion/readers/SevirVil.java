package nowcast.ingestion.readers;

import java.util.List;

/**
 * The SEVIR VIL pixel scale: uint8 pixels stand for vertically integrated liquid in kg/m2 by the
 * published piecewise rule (SEVIR tutorial, {@code vil_to_kgm2}). Nowcasting scores on SEVIR are
 * reported at pixel thresholds, so those are kept on the pixel scale with their kg/m2 equivalents.
 */
public final class SevirVil {

    /** The pixel thresholds used for CSI/POD in the SEVIR literature. */
    public static final List<Integer> PIXEL_THRESHOLDS = List.of(16, 74, 133, 160, 181, 219);

    private SevirVil() {
    }

    /** kg/m2 of a VIL pixel: 0 up to 5, linear up to 18, exponential above. */
    public static double kgPerM2(int pixel) {
        if (pixel < 0 || pixel > 255) {
            throw new IllegalArgumentException("VIL pixel must be 0..255, got " + pixel);
        }
        if (pixel <= 5) {
            return 0.0;
        }
        if (pixel <= 18) {
            return (pixel - 2) / 90.66;
        }
        return Math.exp((pixel - 83.9) / 38.9);
    }

    /** The smallest pixel whose kg/m2 value is at least {@code kgPerM2} (255 when none is). */
    public static int pixelOf(double kgPerM2) {
        for (int p = 0; p < 256; p++) {
            if (kgPerM2(p) >= kgPerM2) {
                return p;
            }
        }
        return 255;
    }
}
