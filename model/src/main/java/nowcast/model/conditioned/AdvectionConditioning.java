package nowcast.model.conditioned;

import java.util.List;

import nowcast.frame.PhysicalField;
import nowcast.model.InputWindow;
import nowcast.model.extrapolation.ExtrapolationNowcaster;
import nowcast.model.extrapolation.MotionField;
import nowcast.model.extrapolation.SemiLagrangianAdvection.Departures;
import nowcast.model.gs2pm.Normalisation;

/**
 * What an advection-conditioned GS2PM reads (docs/model.md, "The advection-conditioned GS2PM"): one
 * motion field is estimated from the window, exactly as the extrapolation nowcaster does, and its
 * departure points are traced once; then, for each of the T time slots t = 0..T-1,
 * <ol>
 *   <li>channel 0: the extrapolation to lead t+1 (the last frame moved t+1 steps), the forecast the
 *       network corrects;</li>
 *   <li>channel 1: observation t moved T-1-t steps along the motion, i.e. seen at the time of the last
 *       observation: in this Lagrangian frame the ten channels differ only by growth, decay and motion
 *       error, which is what the network has to learn;</li>
 *   <li>channel 2: observation t as observed.</li>
 * </ol>
 * Everything is in the network's [0, 1] scale ({@link Normalisation#toModel}, no data = 0). Training
 * and inference both call this class, so a network always sees the inputs it was trained on.
 */
public final class AdvectionConditioning {

    /** Channels per time slot. */
    public static final int CHANNELS = 3;

    private final ExtrapolationNowcaster extrapolation;

    public AdvectionConditioning(ExtrapolationNowcaster extrapolation) {
        this.extrapolation = extrapolation;
    }

    /** The network input, the extrapolation (physical and on the network scale) of one single-channel window. */
    public record Conditioned(List<PhysicalField> extrapolation, float[] base, float[] input) {
    }

    /**
     * @param window T single-channel frames, oldest first
     * @param normalisation the network's rule for the window's quantity
     */
    public Conditioned prepare(InputWindow window, Normalisation normalisation) {
        List<PhysicalField> frames = window.frames();
        int t = frames.size();
        PhysicalField last = window.last();
        if (last.channels() != 1) {
            throw new IllegalArgumentException("window of " + window.sourceId() + " has " + last.channels()
                    + " channels; the advection-conditioned GS2PM reads single-channel fields");
        }
        int plane = last.rows() * last.cols();
        MotionField motion = extrapolation.motion(window);
        Departures departures = Departures.along(motion, t);
        List<PhysicalField> forecast = new java.util.ArrayList<>(t);
        float[] base = new float[t * plane];
        float[] input = new float[t * CHANNELS * plane];
        for (int slot = 0; slot < t; slot++) {
            PhysicalField lead = departures.sample(last, slot + 1);
            forecast.add(lead);
            float[] extrapolated = lead.values();
            float[] lagrangian = departures.sample(frames.get(slot), t - 1 - slot).values();
            float[] observed = frames.get(slot).values();
            int b = slot * plane;
            int x = slot * CHANNELS * plane;
            for (int p = 0; p < plane; p++) {
                float e = normalisation.toModel(extrapolated[p]);
                base[b + p] = e;
                input[x + p] = e;
                input[x + plane + p] = normalisation.toModel(lagrangian[p]);
                input[x + 2 * plane + p] = normalisation.toModel(observed[p]);
            }
        }
        return new Conditioned(List.copyOf(forecast), base, input);
    }
}
