package nowcast.sink.store;

/**
 * The SEVIR VIL pixel scale (0-255) and its relation to kg/m2: pixel p decodes to 0 for p <= 5,
 * (p - 2) / 90.66 for 5 < p <= 18 and exp((p - 83.9) / 38.9) above. VIL thresholds and colours are
 * defined on this scale (16, 74, 133, 160, 181, 219), so physical VIL is mapped back to it.
 */
public final class VilPixelScale {

    private static final double LINEAR_TOP_KG = (18 - 2) / 90.66;

    private VilPixelScale() {
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

    /** VIL in kg/m2 of a pixel-scale value. */
    public static double toKgPerM2(double pixel) {
        if (pixel <= 5) {
            return 0;
        }
        return pixel <= 18 ? (pixel - 2) / 90.66 : Math.exp((pixel - 83.9) / 38.9);
    }
}
