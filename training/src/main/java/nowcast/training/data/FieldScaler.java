package nowcast.training.data;

import java.util.ArrayList;
import java.util.List;

import nowcast.frame.PhysicalField;
import nowcast.frame.Quantity;
import nowcast.model.gs2pm.Normalisation;

/**
 * The per-quantity normalisation rules a network is trained with (they are stored in its
 * artifact), applied to whole fields: the first rule is the artifact's main one.
 */
public record FieldScaler(List<Normalisation> rules) {

    public FieldScaler {
        rules = List.copyOf(rules);
        if (rules.isEmpty()) {
            throw new IllegalArgumentException("at least one normalisation rule is needed");
        }
        List<Quantity> seen = new ArrayList<>();
        for (Normalisation n : rules) {
            if (seen.contains(n.quantity())) {
                throw new IllegalArgumentException("two normalisation rules for " + n.quantity());
            }
            seen.add(n.quantity());
        }
    }

    /**
     * The project default for radar: rain rate through Marshall-Palmer onto [0, 70] dBZ, and
     * reflectivity linearly on the same [0, 70] dBZ (the evaluation protocol's own range), so one
     * network serves both kinds of product.
     */
    public static FieldScaler radarDefault() {
        return new FieldScaler(List.of(Normalisation.rainRateAsDbz(0, 70), new Normalisation(Quantity.REFLECTIVITY, "linear", 0, 70)));
    }

    public Normalisation forQuantity(Quantity quantity) {
        for (Normalisation n : rules) {
            if (n.quantity() == quantity) {
                return n;
            }
        }
        List<Quantity> known = new ArrayList<>();
        rules.forEach(n -> known.add(n.quantity()));
        throw new IllegalArgumentException("the model has no normalisation for " + quantity + " (" + quantity.unit() + "); it knows "
                + known);
    }

    /** A single-channel field scaled into [0, 1], row-major; no data becomes 0. */
    public float[] toModel(PhysicalField field) {
        if (field.channels() != 1) {
            throw new IllegalArgumentException("training expects single-channel fields, got " + field.channels() + " channels of "
                    + field.quantity());
        }
        Normalisation n = forQuantity(field.quantity());
        float[] in = field.values();
        float[] out = new float[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = n.toModel(in[i]);
        }
        return out;
    }

    public Normalisation main() {
        return rules.get(0);
    }

    public List<Normalisation> others() {
        return rules.subList(1, rules.size());
    }
}
