package nowcast.sink.store;

import nowcast.frame.Quantity;

/**
 * The documented display colour scale of each quantity (docs/sink.md, "Colour scales"). The same
 * scale colours the stored PNGs and the dashboard legend.
 */
public final class ColourScales {

    private static final ColourScale RAIN_RATE = ColourScale.bands("rain-rate", Quantity.RAIN_RATE, "mm/h",
            new double[] {0.1, 0.5, 1, 2, 3, 5, 7, 10, 15, 20, 30, 50, 100},
            new int[] {0x9ecae1, 0x6baed6, 0x3182bd, 0x08519c, 0x31a354, 0x74c476, 0xfed976, 0xfeb24c, 0xfd8d3c,
                0xf03b20, 0xbd0026, 0x980043, 0xdd3497});
    private static final ColourScale ACCUMULATION = ColourScale.bands("accumulation", Quantity.ACCUMULATION, "mm",
            new double[] {0.1, 0.5, 1, 2, 3, 5, 7, 10, 15, 20, 30, 50, 100},
            new int[] {0x9ecae1, 0x6baed6, 0x3182bd, 0x08519c, 0x31a354, 0x74c476, 0xfed976, 0xfeb24c, 0xfd8d3c,
                0xf03b20, 0xbd0026, 0x980043, 0xdd3497});
    /** The usual 5 dBZ radar palette (as in NWS reflectivity displays). */
    private static final ColourScale REFLECTIVITY = ColourScale.bands("reflectivity", Quantity.REFLECTIVITY, "dBZ",
            new double[] {5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75},
            new int[] {0x04e9e7, 0x019ff4, 0x0300f4, 0x02fd02, 0x01c501, 0x008e00, 0xfdf802, 0xe5bc00, 0xfd9500,
                0xfd0000, 0xd40000, 0xbc0000, 0xf800fd, 0x9854c6, 0xfdfdfd});
    /** Bands on the SEVIR VIL pixel scale; the verification thresholds are band edges. */
    private static final ColourScale VIL = ColourScale.bands("vil", Quantity.VIL, "SEVIR pixel (0-255)",
            new double[] {16, 31, 59, 74, 100, 133, 160, 181, 219},
            new int[] {0x4c7f4c, 0x00b200, 0x00ff00, 0xffff00, 0xe5b200, 0xff8000, 0xff0000, 0xb20000, 0xff00ff});
    private static final ColourScale VISIBLE = new ColourScale("visible", Quantity.VISIBLE, "reflectance",
            java.util.List.of(), 0, 1);
    private static final ColourScale GREY_LEVEL = new ColourScale("grey-level", Quantity.GREY_LEVEL, "grey level",
            java.util.List.of(), 0, 1);

    /** Exceedance probabilities (0-1): white-yellow to dark brown, transparent below 5 %. */
    public static final ColourScale PROBABILITY = ColourScale.bands("probability", Quantity.GREY_LEVEL, "probability",
            new double[] {0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9},
            new int[] {0xfff7bc, 0xfee391, 0xfec44f, 0xfe9929, 0xec7014, 0xcc4c02, 0x8c2d04});

    private ColourScales() {
    }

    public static ColourScale forQuantity(Quantity quantity) {
        return switch (quantity) {
            case RAIN_RATE -> RAIN_RATE;
            case ACCUMULATION -> ACCUMULATION;
            case REFLECTIVITY -> REFLECTIVITY;
            case VIL -> VIL;
            case VISIBLE -> VISIBLE;
            case GREY_LEVEL -> GREY_LEVEL;
        };
    }
}
