package nowcast.model.gs2pm;

import java.util.Locale;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import nowcast.frame.Quantity;

/**
 * How physical values map to the network's nominal [0, 1] range and back (docs/spec/gs2pm.md section 8: the
 * network itself has no normalisation). {@code linear}: (v - min) / (max - min);
 * {@code log1p}: ln(1 + v - min) / ln(1 + max - min), which spreads light rain;
 * {@code rain-rate-dbz} (rain rate only, min and max in dBZ): the rate is first turned into the
 * reflectivity it implies by Marshall-Palmer, dBZ = 10 log10(200 R^1.6), then scaled linearly, so
 * that a rain-rate product and a reflectivity product (linear, same dBZ range) share one model
 * scale; 0 mm/h and the bottom of the scale are "no rain". Values are clipped to [min, max] first;
 * NaN (no data) becomes {@code min}, i.e. "nothing there".
 *
 * @param quantity the physical quantity (and so the unit) the model was trained on
 * @param transform "linear", "log1p" or "rain-rate-dbz"
 * @param min physical value mapped to 0
 * @param max physical value mapped to 1
 */
@JsonIgnoreProperties(value = {"unit"}, allowGetters = true)
public record Normalisation(@JsonProperty("quantity") Quantity quantity, @JsonProperty("transform") String transform,
                            @JsonProperty("min") double min, @JsonProperty("max") double max) {

    public static final String RAIN_RATE_DBZ = "rain-rate-dbz";
    /** Marshall-Palmer Z = A R^B (Z in mm^6/m^3, R in mm/h). */
    public static final double MARSHALL_PALMER_A = 200;
    public static final double MARSHALL_PALMER_B = 1.6;

    public Normalisation {
        Objects.requireNonNull(quantity, "normalisation.quantity");
        transform = transform == null ? "linear" : transform.toLowerCase(Locale.ROOT);
        if (!transform.equals("linear") && !transform.equals("log1p") && !transform.equals(RAIN_RATE_DBZ)) {
            throw new IllegalArgumentException("normalisation.transform must be 'linear', 'log1p' or '" + RAIN_RATE_DBZ
                    + "', got '" + transform + "'");
        }
        if (transform.equals(RAIN_RATE_DBZ) && quantity != Quantity.RAIN_RATE) {
            throw new IllegalArgumentException("normalisation.transform '" + RAIN_RATE_DBZ + "' is for RAIN_RATE, not " + quantity);
        }
        if (!(max > min)) {
            throw new IllegalArgumentException("normalisation.max (" + max + ") must be greater than normalisation.min (" + min + ")");
        }
    }

    /** Defaults by quantity: rain 0-100 mm/h log1p, reflectivity 0-70 dBZ, VIL 0-80 kg/m2, grey levels 0-1. */
    public static Normalisation defaultFor(Quantity q) {
        return switch (q) {
            case RAIN_RATE -> new Normalisation(q, "log1p", 0, 100);
            case ACCUMULATION -> new Normalisation(q, "log1p", 0, 50);
            case REFLECTIVITY -> new Normalisation(q, "linear", 0, 70);
            case VIL -> new Normalisation(q, "linear", 0, 80);
            case VISIBLE, GREY_LEVEL -> new Normalisation(q, "linear", 0, 1);
        };
    }

    @JsonProperty("unit")
    public String unit() {
        return quantity.unit();
    }

    /** Rain rate on the dBZ scale [min, max] dBZ (Marshall-Palmer), for models that also read reflectivity. */
    public static Normalisation rainRateAsDbz(double minDbz, double maxDbz) {
        return new Normalisation(Quantity.RAIN_RATE, RAIN_RATE_DBZ, minDbz, maxDbz);
    }

    public float toModel(float physical) {
        if (Float.isNaN(physical)) {
            return 0f;
        }
        if (transform.equals(RAIN_RATE_DBZ)) {
            if (physical <= 0f) {
                return 0f;
            }
            double dbz = 10.0 * Math.log10(MARSHALL_PALMER_A * Math.pow(physical, MARSHALL_PALMER_B));
            return (float) ((Math.min(Math.max(dbz, min), max) - min) / (max - min));
        }
        double v = Math.min(Math.max(physical, min), max);
        return (float) (transform.equals("linear") ? (v - min) / (max - min) : Math.log1p(v - min) / Math.log1p(max - min));
    }

    /** Inverse of {@link #toModel}, after clamping the model value to [0, 1] (the physical range). */
    public float toPhysical(float model) {
        double n = Math.min(Math.max(model, 0f), 1f);
        if (transform.equals(RAIN_RATE_DBZ)) {
            return n <= 0 ? 0f : (float) Math.pow(Math.pow(10.0, (min + n * (max - min)) / 10.0) / MARSHALL_PALMER_A, 1.0 / MARSHALL_PALMER_B);
        }
        return (float) (transform.equals("linear") ? min + n * (max - min) : min + Math.expm1(n * Math.log1p(max - min)));
    }
}
