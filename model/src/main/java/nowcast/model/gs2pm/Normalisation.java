package nowcast.model.gs2pm;

import java.util.Locale;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import nowcast.frame.Quantity;

/**
 * How physical values map to the network's nominal [0, 1] range and back (GS2PM.md section 8: the
 * network itself has no normalisation). {@code linear}: (v - min) / (max - min);
 * {@code log1p}: ln(1 + v - min) / ln(1 + max - min), which spreads light rain. Values are clipped
 * to [min, max] first; NaN (no data) becomes {@code min}, i.e. "nothing there".
 *
 * @param quantity the physical quantity (and so the unit) the model was trained on
 * @param transform "linear" or "log1p"
 * @param min physical value mapped to 0
 * @param max physical value mapped to 1
 */
@JsonIgnoreProperties(value = {"unit"}, allowGetters = true)
public record Normalisation(@JsonProperty("quantity") Quantity quantity, @JsonProperty("transform") String transform,
                            @JsonProperty("min") double min, @JsonProperty("max") double max) {

    public Normalisation {
        Objects.requireNonNull(quantity, "normalisation.quantity");
        transform = transform == null ? "linear" : transform.toLowerCase(Locale.ROOT);
        if (!transform.equals("linear") && !transform.equals("log1p")) {
            throw new IllegalArgumentException("normalisation.transform must be 'linear' or 'log1p', got '" + transform + "'");
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

    public float toModel(float physical) {
        if (Float.isNaN(physical)) {
            return 0f;
        }
        double v = Math.min(Math.max(physical, min), max);
        return (float) (transform.equals("linear") ? (v - min) / (max - min) : Math.log1p(v - min) / Math.log1p(max - min));
    }

    /** Inverse of {@link #toModel}, after clamping the model value to [0, 1] (the physical range). */
    public float toPhysical(float model) {
        double n = Math.min(Math.max(model, 0f), 1f);
        return (float) (transform.equals("linear") ? min + n * (max - min) : min + Math.expm1(n * Math.log1p(max - min)));
    }
}
