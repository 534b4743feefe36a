package nowcast.model.extrapolation;

import java.util.ArrayList;
import java.util.List;

import nowcast.forecast.ModelIdentity;
import nowcast.frame.PhysicalField;
import nowcast.frame.Quantity;
import nowcast.model.InputWindow;
import nowcast.model.Nowcaster;
import nowcast.model.NowcasterOptions;
import nowcast.model.Nowcasters;

/**
 * A per-lead weighted mean of two nowcasts, by default extrapolation for the short leads (where
 * advection of the observed field is hard to beat) fading linearly into a learned model for the long
 * ones. {@code shortWeights[k]} is the weight of the short-range nowcaster at lead k+1. Reflectivity is
 * blended in linear Z, so that mixing a strong and a weak echo does not invent a middle dBZ. Where one
 * nowcast is missing (NaN), the other is used.
 */
public final class BlendedNowcaster implements Nowcaster {

    public static final String NAME = "blend";

    private final Nowcaster shortRange;
    private final Nowcaster longRange;
    private final float[] shortWeights;

    public BlendedNowcaster(Nowcaster shortRange, Nowcaster longRange, float[] shortWeights) {
        if (shortWeights.length == 0) {
            throw new IllegalArgumentException("blend needs one weight per lead, got none");
        }
        for (int k = 0; k < shortWeights.length; k++) {
            if (!(shortWeights[k] >= 0 && shortWeights[k] <= 1)) {
                throw new IllegalArgumentException("blend weight of lead " + (k + 1) + " must lie in 0..1, got "
                        + shortWeights[k]);
            }
        }
        if (shortRange.outputFrames() < shortWeights.length || longRange.outputFrames() < shortWeights.length) {
            throw new IllegalArgumentException("blend of " + shortWeights.length + " leads, but "
                    + shortRange.identity().name() + " predicts " + shortRange.outputFrames() + " and "
                    + longRange.identity().name() + " " + longRange.outputFrames());
        }
        this.shortRange = shortRange;
        this.longRange = longRange;
        this.shortWeights = shortWeights.clone();
    }

    /**
     * Extrapolation blended with the nowcaster named by setting {@code blend.with} (default
     * {@code gs2pm}, built from the same options), with the per-lead extrapolation weights of setting
     * {@code blend.weights} (comma-separated, one per lead; default {@link #linearFade}).
     */
    public static BlendedNowcaster create(NowcasterOptions options) {
        String with = options.setting("blend.with").orElse("gs2pm");
        float[] weights = options.setting("blend.weights").map(BlendedNowcaster::parseWeights)
                .orElseGet(() -> linearFade(options.outputFrames()));
        return new BlendedNowcaster(ExtrapolationNowcaster.create(options), Nowcasters.byName(with, options), weights);
    }

    static float[] parseWeights(String text) {
        String[] parts = text.split(",");
        float[] w = new float[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                w[i] = Float.parseFloat(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("setting blend.weights: '" + parts[i].trim()
                        + "' (lead " + (i + 1) + ") is not a number; expected e.g. 1,0.9,...,0", e);
            }
        }
        return w;
    }

    /** Weight 1 for the short-range nowcaster at lead 1, falling linearly to 0 at the last lead. */
    public static float[] linearFade(int leads) {
        float[] w = new float[leads];
        for (int k = 0; k < leads; k++) {
            w[k] = leads == 1 ? 0.5f : 1f - (float) k / (leads - 1);
        }
        return w;
    }

    public float[] shortWeights() {
        return shortWeights.clone();
    }

    @Override
    public ModelIdentity identity() {
        ModelIdentity learned = longRange.identity();
        return new ModelIdentity(NAME + "(" + shortRange.identity().name() + "," + learned.name() + ")",
                learned.scale(), learned.version(), learned.artifactHash(), learned.device());
    }

    @Override
    public int inputFrames() {
        return Math.max(shortRange.inputFrames(), longRange.inputFrames());
    }

    @Override
    public int outputFrames() {
        return shortWeights.length;
    }

    @Override
    public List<List<PhysicalField>> predict(List<InputWindow> windows) {
        List<List<PhysicalField>> a = shortRange.predict(tail(windows, shortRange.inputFrames()));
        List<List<PhysicalField>> b = longRange.predict(tail(windows, longRange.inputFrames()));
        List<List<PhysicalField>> out = new ArrayList<>(windows.size());
        for (int w = 0; w < windows.size(); w++) {
            List<PhysicalField> frames = new ArrayList<>(shortWeights.length);
            for (int k = 0; k < shortWeights.length; k++) {
                frames.add(mix(a.get(w).get(k), b.get(w).get(k), shortWeights[k]));
            }
            out.add(frames);
        }
        return out;
    }

    private static List<InputWindow> tail(List<InputWindow> windows, int frames) {
        List<InputWindow> out = new ArrayList<>(windows.size());
        for (InputWindow w : windows) {
            int n = w.frames().size();
            out.add(n <= frames ? w : new InputWindow(w.sourceId(), w.frames().subList(n - frames, n), w.cadence()));
        }
        return out;
    }

    static PhysicalField mix(PhysicalField a, PhysicalField b, float weightA) {
        if (a.size() != b.size() || a.quantity() != b.quantity()) {
            throw new IllegalArgumentException("cannot blend " + a.quantity() + " " + a.rows() + "x" + a.cols()
                    + " with " + b.quantity() + " " + b.rows() + "x" + b.cols());
        }
        boolean linearZ = a.quantity() == Quantity.REFLECTIVITY;
        float[] out = new float[a.size()];
        for (int i = 0; i < out.length; i++) {
            float x = a.values()[i];
            float y = b.values()[i];
            if (Float.isNaN(x)) {
                out[i] = y;
            } else if (Float.isNaN(y)) {
                out[i] = x;
            } else if (linearZ) {
                double z = weightA * Math.pow(10, x / 10.0) + (1 - weightA) * Math.pow(10, y / 10.0);
                out[i] = (float) (10 * Math.log10(z));
            } else {
                out[i] = weightA * x + (1 - weightA) * y;
            }
        }
        return new PhysicalField(a.quantity(), a.rows(), a.cols(), a.channels(), out);
    }

    @Override
    public void close() {
        shortRange.close();
        longRange.close();
    }
}
