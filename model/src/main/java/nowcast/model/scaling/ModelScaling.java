package nowcast.model.scaling;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import nowcast.frame.PhysicalField;
import nowcast.frame.Quantity;

/**
 * The per-quantity normalisation a network was trained with; it travels in the model artifact so
 * that training, the predictor and evaluation scale fields the same way.
 */
public record ModelScaling(Map<Quantity, QuantityScaling> rules) {

    public ModelScaling {
        EnumMap<Quantity, QuantityScaling> copy = new EnumMap<>(Quantity.class);
        rules.forEach((q, r) -> {
            if (r.quantity() != q) {
                throw new IllegalArgumentException("scaling rule for " + q + " is declared for " + r.quantity());
            }
            copy.put(q, r);
        });
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("a model scaling needs at least one quantity rule");
        }
        rules = Map.copyOf(copy);
    }

    /**
     * The project default: reflectivity [0, 70] dBZ -> [0, 1] (the evaluation protocol's own
     * normalisation) and rain rate mapped to dBZ by Marshall-Palmer onto the same range.
     */
    public static ModelScaling radarDefault() {
        return new ModelScaling(Map.of(
                Quantity.REFLECTIVITY, QuantityScaling.linear(Quantity.REFLECTIVITY, 0, 70),
                Quantity.RAIN_RATE, QuantityScaling.rainRateAsDbz(0, 70)));
    }

    public QuantityScaling forQuantity(Quantity quantity) {
        QuantityScaling r = rules.get(quantity);
        if (r == null) {
            throw new IllegalArgumentException("the model has no scaling rule for " + quantity + " (" + quantity.unit()
                    + "); it knows: " + rules.keySet());
        }
        return r;
    }

    /** A single-channel field scaled into [0, 1], row-major. */
    public float[] toModel(PhysicalField field) {
        QuantityScaling r = forQuantity(field.quantity());
        if (field.channels() != 1) {
            throw new IllegalArgumentException("scaling expects a single-channel field, got " + field.channels() + " channels of "
                    + field.quantity());
        }
        float[] in = field.values();
        float[] out = new float[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = r.toModel(in[i]);
        }
        return out;
    }

    /** Model values back to a physical field of {@code quantity}. */
    public PhysicalField toPhysical(Quantity quantity, int rows, int cols, float[] model) {
        QuantityScaling r = forQuantity(quantity);
        float[] out = new float[model.length];
        for (int i = 0; i < model.length; i++) {
            out[i] = r.toPhysical(model[i]);
        }
        return PhysicalField.single(quantity, rows, cols, out);
    }

    public List<String> describe() {
        List<String> out = new ArrayList<>();
        rules.values().forEach(r -> out.add(r.describe()));
        return out;
    }
}
