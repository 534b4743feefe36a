package nowcast.frame;

import java.util.List;

/**
 * The SEVIR VIL pixel scale (0-255) and its relation to vertically integrated liquid in kg/m2, by
 * the published piecewise rule (SEVIR tutorial, {@code vil_to_kgm2}): pixel p decodes to 0 for
 * p <= 5, (p - 2) / 90.66 for 5 < p <= 18 and exp((p - 83.9) / 38.9) above. Readers decode pixels
 * with it; VIL thresholds and colours are defined on the pixel scale, so physical VIL is mapped back
 * to it for scoring and display.
 */
public final class VilPixelScale {

    /** The pixel thresholds used for CSI/POD in the SEVIR literature. */
    public static final List<Integer> PIXEL_THRESHOLDS = List.of(16, 74, 133, 160, 181, 219);

    private static final double LINEAR_TOP_KG = (18 - 2) / 90.66;

    private VilPixelScale() {
    }

    /** kg/m2 of a stored VIL pixel (0..255): 0 up to 5, linear up to 18, exponential above. */
    public static double kgPerM2(int pixel) {
        if (pixel < 0 || pixel > 255) {
            throw new IllegalArgumentException("VIL pixel must be 0..255, got " + pixel);
        }
        return toKgPerM2(pixel);
    }

    /** VIL in kg/m2 of a pixel-scale value (continuous). */
    public static double toKgPerM2(double pixel) {
        if (pixel <= 5) {
            return 0;
        }
        return pixel <= 18 ? (pixel - 2) / 90.66 : Math.exp((pixel - 83.9) / 38.9);
    }

    /** Pixel-scale value (0-255, continuous) of a VIL in kg/m2; NaN stays NaN. */
    public static double fromKgPerM2(double kg) {
        if (Double.isNaN(kg)) {
            return Double.NaN;
        }
        if (kg <= 0) {
            return 0;
        }
        double pixel = kg <= LINEAR_TOP_KG ? kg * 90.66 + 2 : 38.9 * Math.log(kg) + 83.9;
        return Math.min(255, Math.max(0, pixel));
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
