package nowcast.model.scaling;

import java.util.Locale;
import java.util.Objects;

import nowcast.frame.Quantity;

/**
 * How one physical quantity maps to the network's nominal [0, 1] range and back.
 *
 * <p>{@link #LINEAR}: {@code (v - low) / (high - low)}, clipped. {@link #RAIN_RATE_DBZ}: a rain
 * rate R (mm/h) is first turned into the reflectivity it implies by Marshall-Palmer,
 * {@code dBZ = 10 log10(a R^b)} (a = 200, b = 1.6), then scaled linearly on [low, high] dBZ, so a
 * rain-rate product and a reflectivity product land on the same model scale and one network
 * serves both. Missing values (NaN) are treated as no echo (0) on the way in.
 *
 * @param quantity the physical quantity this rule is for
 * @param transform {@link #LINEAR} or {@link #RAIN_RATE_DBZ}
 * @param low physical value (dBZ for {@link #RAIN_RATE_DBZ}) that maps to 0
 * @param high physical value (dBZ for {@link #RAIN_RATE_DBZ}) that maps to 1
 * @param a Marshall-Palmer a (used by {@link #RAIN_RATE_DBZ} only)
 * @param b Marshall-Palmer b (used by {@link #RAIN_RATE_DBZ} only)
 */
public record QuantityScaling(Quantity quantity, String transform, double low, double high, double a, double b) {

    public static final String LINEAR = "linear";
    public static final String RAIN_RATE_DBZ = "rain-rate-dbz";

    public QuantityScaling {
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(transform, "transform");
        if (!transform.equals(LINEAR) && !transform.equals(RAIN_RATE_DBZ)) {
            throw new IllegalArgumentException("unknown scaling transform '" + transform + "' for " + quantity
                    + "; known: " + LINEAR + ", " + RAIN_RATE_DBZ);
        }
        if (!(high > low)) {
            throw new IllegalArgumentException("scaling of " + quantity + ": high (" + high + ") must exceed low (" + low + ")");
        }
        if (transform.equals(RAIN_RATE_DBZ) && (!(a > 0) || !(b > 0))) {
            throw new IllegalArgumentException("scaling of " + quantity + ": Marshall-Palmer a and b must be positive, got a="
                    + a + " b=" + b);
        }
    }

    public static QuantityScaling linear(Quantity quantity, double low, double high) {
        return new QuantityScaling(quantity, LINEAR, low, high, 0, 0);
    }

    /** Rain rate through Marshall-Palmer Z = 200 R^1.6 onto the dBZ range [low, high]. */
    public static QuantityScaling rainRateAsDbz(double lowDbz, double highDbz) {
        return new QuantityScaling(Quantity.RAIN_RATE, RAIN_RATE_DBZ, lowDbz, highDbz, 200, 1.6);
    }

    /** Physical value to model value in [0, 1]; NaN (no data) becomes 0. */
    public float toModel(float value) {
        if (Float.isNaN(value)) {
            return 0f;
        }
        double v = value;
        if (transform.equals(RAIN_RATE_DBZ)) {
            if (value <= 0f) {
                return 0f;
            }
            v = 10.0 * Math.log10(a * Math.pow(value, b));
        }
        return (float) Math.min(1.0, Math.max(0.0, (v - low) / (high - low)));
    }

    /** Model value to physical value; the model's output is clipped to [0, 1] first. */
    public float toPhysical(float model) {
        double x = Float.isNaN(model) ? 0.0 : Math.min(1.0, Math.max(0.0, model));
        double v = low + x * (high - low);
        if (transform.equals(RAIN_RATE_DBZ)) {
            // the bottom of the scale is "no rain", not the tiny rate that low dBZ implies
            return x <= 0.0 ? 0f : (float) Math.pow(Math.pow(10.0, v / 10.0) / a, 1.0 / b);
        }
        return (float) v;
    }

    public String describe() {
        return transform.equals(RAIN_RATE_DBZ)
                ? String.format(Locale.ROOT, "%s: %s (Z = %.0f R^%.1f), [%.1f, %.1f] dBZ -> [0, 1]", quantity, transform, a, b, low, high)
                : String.format(Locale.ROOT, "%s: %s, [%.1f, %.1f] %s -> [0, 1]", quantity, transform, low, high, quantity.unit());
    }
}
