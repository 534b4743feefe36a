package nowcast.model.conditioned;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;

import ai.djl.Device;
import nowcast.frame.PhysicalField;
import nowcast.model.InputWindow;
import nowcast.model.Nowcaster;
import nowcast.model.gs2pm.Gs2pmArtifact;
import nowcast.model.gs2pm.Gs2pmPipeline;
import nowcast.model.gs2pm.Normalisation;
import nowcast.model.postprocessing.ProbabilityMatching;

/**
 * The advection-conditioned GS2PM behind the {@link Nowcaster} interface: per window, the
 * extrapolation nowcaster's motion and forecast ({@link AdvectionConditioning}), then the network,
 * whose output (the mean of its 3 channels) is a correction added to the extrapolation on the
 * network's scale; the sum is clamped to the physical range and de-normalised. Where the correction
 * is exactly zero the extrapolation's own value is kept, and where the extrapolation has no data the
 * forecast has none either: an untrained (zero-readout) network forecasts exactly the extrapolation.
 * Windows are prepared in parallel, then run through the network in chunks of {@code batch}.
 */
public final class AdvectionConditionedNowcaster extends Gs2pmPipeline {

    private final AdvectionConditioning conditioning;

    /**
     * @param postprocess {@code none} or {@code probability-matching} (each forecast frame takes the
     *        value distribution of the last observation, in the order of the corrected forecast)
     */
    public AdvectionConditionedNowcaster(Gs2pmArtifact artifact, int batch, String postprocess) throws IOException {
        this(artifact, batch, postprocess, Device.cpu());
    }

    /** As {@link #AdvectionConditionedNowcaster(Gs2pmArtifact, int, String)}, running the network on {@code device}. */
    public AdvectionConditionedNowcaster(Gs2pmArtifact artifact, int batch, String postprocess, Device device) throws IOException {
        super(conditionedMode(artifact), batch, postprocess, device);
        this.conditioning = new AdvectionConditioning(artifact.config().extrapolation().nowcaster(frames));
    }

    private static Gs2pmArtifact conditionedMode(Gs2pmArtifact artifact) {
        if (!artifact.config().network().advectionConditioned()) {
            throw new IllegalArgumentException("artifact " + artifact.directory() + " is not an advection-conditioned GS2PM (mode '"
                    + artifact.config().mode() + "')");
        }
        return artifact;
    }

    @Override
    protected String refuseChannels(int channels) {
        return channels == 1 ? null
                : "the advection-conditioned GS2PM reads single-channel products (radar), not camera images";
    }

    @Override
    protected List<List<PhysicalField>> run(List<InputWindow> windows) {
        int b = windows.size();
        int plane = size * size;
        Normalisation[] rules = windows.stream()
                .map(w -> artifact.config().normalisationFor(w.last().quantity()).orElseThrow()).toArray(Normalisation[]::new);
        List<AdvectionConditioning.Conditioned> prepared = IntStream.range(0, b).parallel()
                .mapToObj(w -> conditioning.prepare(windows.get(w), rules[w])).toList();
        int perWindow = frames * AdvectionConditioning.CHANNELS * plane;
        float[] x = new float[b * perWindow];
        for (int w = 0; w < b; w++) {
            System.arraycopy(prepared.get(w).input(), 0, x, w * perWindow, perWindow);
        }
        float[] y = model.predict(x, b);
        List<List<PhysicalField>> out = new ArrayList<>(b);
        for (int w = 0; w < b; w++) {
            AdvectionConditioning.Conditioned c = prepared.get(w);
            PhysicalField last = windows.get(w).last();
            List<PhysicalField> predicted = new ArrayList<>(frames);
            for (int t = 0; t < frames; t++) {
                float[] extrapolated = c.extrapolation().get(t).values();
                float[] corrected = new float[plane];
                float[] v = new float[plane];
                int o = (w * frames + t) * AdvectionConditioning.CHANNELS * plane;
                for (int p = 0; p < plane; p++) {
                    float correction = (y[o + p] + y[o + plane + p] + y[o + 2 * plane + p]) / 3f;
                    corrected[p] = c.base()[t * plane + p] + correction;
                    v[p] = correction == 0f || Float.isNaN(extrapolated[p]) ? extrapolated[p] : rules[w].toPhysical(corrected[p]);
                }
                if (probabilityMatching) {
                    float[] matched = ProbabilityMatching.match(corrected, last.values());
                    v = matched != null ? matched : v;
                }
                predicted.add(new PhysicalField(last.quantity(), size, size, 1, v));
            }
            out.add(Collections.unmodifiableList(predicted));
        }
        return out;
    }

}
