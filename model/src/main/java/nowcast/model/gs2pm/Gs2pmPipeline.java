package nowcast.model.gs2pm;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

import ai.djl.Device;
import nowcast.forecast.ModelIdentity;
import nowcast.frame.PhysicalField;
import nowcast.model.InputWindow;
import nowcast.model.Nowcaster;
import nowcast.model.device.DeviceChoice;
import nowcast.model.device.NativeAllocator;

/**
 * What every GS2PM nowcaster shares, whatever it feeds the network: one loaded model serving every
 * calling thread, the checks that a window fits the network (frames, grid, channels, a quantity the
 * artifact has a normalisation for), and batches of any size split into chunks of {@code batch}
 * windows. Subclasses say which channels they read and turn one chunk into forecasts.
 */
public abstract class Gs2pmPipeline implements Nowcaster {

    protected final Gs2pmArtifact artifact;
    protected final Gs2pmModel model;
    protected final int frames;
    protected final int size;
    /** Each single-channel forecast frame takes the value distribution of the window's last observation. */
    protected final boolean probabilityMatching;
    private final int chunk;

    /**
     * @param postprocess {@code none} or {@code probability-matching}
     *        ({@link nowcast.model.postprocessing.ProbabilityMatching})
     */
    protected Gs2pmPipeline(Gs2pmArtifact artifact, int batch, String postprocess, Device device) throws IOException {
        if (batch < 1) {
            throw new IllegalArgumentException("gs2pm batch must be at least 1, got " + batch);
        }
        this.probabilityMatching = Gs2pmArtifact.POSTPROCESS_PROBABILITY_MATCHING.equals(
                Gs2pmArtifact.checkPostprocess(postprocess));
        this.artifact = artifact;
        this.model = artifact.load(device);
        this.frames = model.config().frames();
        this.size = model.config().imageSize();
        this.chunk = batch;
        if (!device.isGpu()) {
            NativeAllocator.warnIfSlowForCpu();
        }
    }

    @Override
    public ModelIdentity identity() {
        return artifact.identity().withDevice(DeviceChoice.label(model.device()));
    }

    @Override
    public int inputFrames() {
        return frames;
    }

    @Override
    public int outputFrames() {
        return frames;
    }

    public Gs2pmArtifact artifact() {
        return artifact;
    }

    @Override
    public List<List<PhysicalField>> predict(List<InputWindow> windows) {
        for (int w = 0; w < windows.size(); w++) {
            check(windows.get(w), w);
        }
        List<List<PhysicalField>> out = new ArrayList<>(windows.size());
        for (int start = 0; start < windows.size(); start += chunk) {
            out.addAll(run(windows.subList(start, Math.min(windows.size(), start + chunk))));
        }
        return Collections.unmodifiableList(out);
    }

    /** The forecasts of one chunk of checked windows, in order. */
    protected abstract List<List<PhysicalField>> run(List<InputWindow> windows);

    /** Why a window with {@code channels} channels cannot be read, or null when it can. */
    protected abstract String refuseChannels(int channels);

    private void check(InputWindow window, int index) {
        PhysicalField f = window.frames().get(0);
        String where = "window " + index + " (source " + window.sourceId() + ")";
        if (window.frames().size() != frames) {
            throw new IllegalArgumentException(where + " has " + window.frames().size() + " frames; GS2PM needs " + frames);
        }
        if (f.rows() != size || f.cols() != size) {
            throw new IllegalArgumentException(where + " is " + f.rows() + "x" + f.cols() + "; GS2PM needs " + size + "x" + size
                    + " (map the source grid to the model grid first, e.g. with GridMapping/BlockAverage)");
        }
        String refusal = refuseChannels(f.channels());
        if (refusal != null) {
            throw new IllegalArgumentException(where + " has " + f.channels() + " channels; " + refusal);
        }
        if (artifact.config().normalisationFor(f.quantity()).isEmpty()) {
            throw new IllegalArgumentException(where + " holds " + f.quantity() + " (" + f.quantity().unit() + ") but artifact "
                    + artifact.directory() + " was made for " + artifact.config().quantities().stream()
                    .map(q -> q + " (" + q.unit() + ")").collect(Collectors.joining(", ")));
        }
    }

    @Override
    public void close() {
        model.close();
    }
}
