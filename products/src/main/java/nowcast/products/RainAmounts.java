package nowcast.products;

import nowcast.frame.PhysicalField;
import nowcast.frame.Quantity;

/**
 * Rain depth (mm) that a forecast field implies over an interval: a rain rate times the interval,
 * reflectivity through Marshall-Palmer (Z = 200 R^1.6) first, an accumulation field as it is (it
 * already holds the depth of its frame interval). Other quantities carry no rain amount.
 */
public final class RainAmounts {

    /** Marshall-Palmer Z = A R^B, Z in mm^6/m^3, R in mm/h. */
    static final double MP_A = 200;
    static final double MP_B = 1.6;

    private RainAmounts() {
    }

    public static boolean supports(Quantity quantity) {
        return quantity == Quantity.RAIN_RATE || quantity == Quantity.REFLECTIVITY
                || quantity == Quantity.ACCUMULATION;
    }

    /** Rain rate in mm/h of a reflectivity in dBZ (Marshall-Palmer). */
    public static double rateOfDbz(double dbz) {
        return Math.pow(Math.pow(10, dbz / 10) / MP_A, 1 / MP_B);
    }

    /**
     * Depth in mm at pixel {@code i} over {@code minutes} of the interval that the field describes
     * ({@code intervalMinutes} long); NaN where the field has no data.
     */
    static double depth(PhysicalField field, int i, double minutes, double intervalMinutes) {
        float v = field.values()[i * field.channels()];
        if (Float.isNaN(v)) {
            return Double.NaN;
        }
        return switch (field.quantity()) {
            case RAIN_RATE -> Math.max(0, v) * minutes / 60;
            case REFLECTIVITY -> rateOfDbz(v) * minutes / 60;
            case ACCUMULATION -> Math.max(0, v) * minutes / intervalMinutes;
            default -> throw new IllegalArgumentException(field.quantity() + " fields carry no rain amount");
        };
    }
}
