package nowcast.model.gs2pm;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import ai.djl.Device;
import nowcast.frame.PhysicalField;
import nowcast.model.InputWindow;
import nowcast.model.Nowcaster;
import nowcast.model.device.DeviceChoice;
import nowcast.model.postprocessing.ProbabilityMatching;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GS2PM behind the {@link Nowcaster} interface. Per window: physical values are normalised with
 * the artifact's rules (NaN, i.e. no data, becomes the floor), a single channel is replicated to the
 * network's 3 channels (3-channel camera frames pass through as RGB), the prediction branch runs,
 * single-channel products take the mean of the 3 output channels, the result is clamped to the
 * physical range and de-normalised into the input's quantity and unit. Windows must already be on
 * the model grid (128 x 128); batches of any size are split into chunks of {@code batch} windows.
 * One loaded model serves every calling thread.
 */
public final class Gs2pmNowcaster extends Gs2pmPipeline {

    public static final String NAME = "gs2pm";
    private static final Logger LOG = LoggerFactory.getLogger(Gs2pmNowcaster.class);
    /** Windows per forward unless setting {@code batch} says otherwise: what suits a CPU, and a GPU. */
    public static final int CPU_BATCH = 8;
    public static final int GPU_BATCH = 32;

    public Gs2pmNowcaster(Gs2pmArtifact artifact, int batch) throws IOException {
        this(artifact, batch, artifact.config().postprocess());
    }

    /**
     * @param postprocess {@code none} or {@code probability-matching}: each single-channel forecast
     *        frame takes the value distribution of the window's last observed frame, placed in the
     *        order of the network's raw output ({@link ProbabilityMatching})
     */
    public Gs2pmNowcaster(Gs2pmArtifact artifact, int batch, String postprocess) throws IOException {
        this(artifact, batch, postprocess, Device.cpu());
    }

    /** As {@link #Gs2pmNowcaster(Gs2pmArtifact, int, String)}, running on {@code device}. */
    public Gs2pmNowcaster(Gs2pmArtifact artifact, int batch, String postprocess, Device device) throws IOException {
        super(officialMode(artifact), batch, postprocess, device);
        LOG.info("GS2PM {} (version {}) from {} runs on {}, {} windows per forward", artifact.config().scale(),
                artifact.config().version(), artifact.directory(), DeviceChoice.label(device), batch);
    }

    private static Gs2pmArtifact officialMode(Gs2pmArtifact artifact) {
        if (artifact.config().network().advectionConditioned()) {
            throw new IllegalArgumentException("artifact " + artifact.directory() + " is an advection-conditioned GS2PM: it needs "
                    + "the extrapolation pipeline (AdvectionConditionedNowcaster, which Nowcasters.byName(\"gs2pm\") picks)");
        }
        return artifact;
    }

    @Override
    protected String refuseChannels(int channels) {
        return channels == 1 || channels == 3 ? null : "GS2PM takes 1 (replicated) or 3";
    }

    @Override
    protected List<List<PhysicalField>> run(List<InputWindow> windows) {
        int b = windows.size();
        int plane = size * size;
        float[] x = new float[b * frames * 3 * plane];
        for (int w = 0; w < b; w++) {
            List<PhysicalField> fs = windows.get(w).frames();
            Normalisation normalisation = artifact.config().normalisationFor(fs.get(0).quantity()).orElseThrow();
            for (int t = 0; t < frames; t++) {
                PhysicalField f = fs.get(t);
                float[] v = f.values();
                int base = (w * frames + t) * 3 * plane;
                int ch = f.channels();
                for (int p = 0; p < plane; p++) {
                    for (int c = 0; c < 3; c++) {
                        x[base + c * plane + p] = normalisation.toModel(v[p * ch + (ch == 1 ? 0 : c)]);
                    }
                }
            }
        }
        float[] y = model.predict(x, b);
        List<List<PhysicalField>> out = new ArrayList<>(b);
        for (int w = 0; w < b; w++) {
            PhysicalField like = windows.get(w).last();
            Normalisation normalisation = artifact.config().normalisationFor(like.quantity()).orElseThrow();
            int ch = like.channels();
            List<PhysicalField> predicted = new ArrayList<>(frames);
            for (int t = 0; t < frames; t++) {
                int base = (w * frames + t) * 3 * plane;
                float[] v = new float[plane * ch];
                float[] raw = ch == 1 ? new float[plane] : null;
                for (int p = 0; p < plane; p++) {
                    if (ch == 1) {
                        raw[p] = (y[base + p] + y[base + plane + p] + y[base + 2 * plane + p]) / 3f;
                        v[p] = normalisation.toPhysical(raw[p]);
                    } else {
                        for (int c = 0; c < 3; c++) {
                            v[p * 3 + c] = normalisation.toPhysical(y[base + c * plane + p]);
                        }
                    }
                }
                if (probabilityMatching && ch == 1) {
                    float[] matched = ProbabilityMatching.match(raw, like.values());
                    v = matched != null ? matched : v;
                }
                predicted.add(new PhysicalField(like.quantity(), size, size, ch, v));
            }
            out.add(Collections.unmodifiableList(predicted));
        }
        return out;
    }

}
