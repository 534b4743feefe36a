package nowcast.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import ai.djl.Device;
import nowcast.model.device.DeviceChoice;
import nowcast.model.device.DevicePool;
import nowcast.model.conditioned.AdvectionConditionedNowcaster;
import nowcast.model.gs2pm.Gs2pmArtifact;
import nowcast.model.gs2pm.Gs2pmNowcaster;
import nowcast.model.extrapolation.BlendedNowcaster;
import nowcast.model.extrapolation.ExtrapolationNowcaster;

/**
 * The nowcasters known by name. Each kind registers one factory here (one line in the static
 * block); {@link #byName} builds one, and an unknown name is answered with the list of known names.
 */
public final class Nowcasters {

    private static final Map<String, Function<NowcasterOptions, Nowcaster>> FACTORIES = new LinkedHashMap<>();

    static {
        register(PersistenceNowcaster.NAME, o -> new PersistenceNowcaster(o.outputFrames()));
        register(Gs2pmNowcaster.NAME, Nowcasters::gs2pm);
        register(ExtrapolationNowcaster.NAME, ExtrapolationNowcaster::create);
        register(BlendedNowcaster.NAME, BlendedNowcaster::create);
    }

    private Nowcasters() {
    }

    private static void register(String name, Function<NowcasterOptions, Nowcaster> factory) {
        FACTORIES.put(name, factory);
    }

    /** Builds the nowcaster registered as {@code name} (case-insensitive). */
    public static Nowcaster byName(String name, NowcasterOptions options) {
        Function<NowcasterOptions, Nowcaster> factory = name == null ? null : FACTORIES.get(name.toLowerCase(Locale.ROOT));
        if (factory == null) {
            throw new IllegalArgumentException("unknown nowcaster '" + name + "'; known: " + String.join(", ", FACTORIES.keySet()));
        }
        return factory.apply(options == null ? NowcasterOptions.defaults() : options);
    }

    /**
     * GS2PM from {@code options.artifact()}: the pipeline is the one the artifact's {@code mode} names
     * (the official network on the observed frames, or the advection-conditioned one on top of the
     * extrapolation). Setting {@code device} (default {@code auto}) says where it runs; when it lists
     * several GPUs ({@code gpu:0,gpu:1}) one network is loaded per GPU and they are pooled
     * ({@link DevicePool}), each call running on a GPU that is free. Setting {@code batch} (default 8 on
     * a CPU, 32 on a GPU) bounds memory; setting {@code postprocess} overrides the artifact's.
     */
    private static Nowcaster gs2pm(NowcasterOptions options) {
        Gs2pmArtifact artifact;
        try {
            artifact = Gs2pmArtifact.open(options.artifactPath().orElseThrow(
                    () -> new IllegalArgumentException("nowcaster gs2pm needs a model artifact directory (options.artifact)")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Device> devices = DeviceChoice.parse(options.setting("device").orElse(DeviceChoice.AUTO)).resolve();
        return devices.size() == 1 ? gs2pmOn(artifact, options, devices.get(0))
                : DevicePool.of(devices, d -> gs2pmOn(artifact, options, d));
    }

    private static Nowcaster gs2pmOn(Gs2pmArtifact artifact, NowcasterOptions options, Device device) {
        int batch = Integer.parseInt(options.setting("batch").orElse(Integer.toString(
                device.isGpu() ? Gs2pmNowcaster.GPU_BATCH : Gs2pmNowcaster.CPU_BATCH)));
        String postprocess = options.setting("postprocess").orElse(artifact.config().postprocess());
        Nowcaster n;
        try {
            n = artifact.config().network().advectionConditioned()
                    ? new AdvectionConditionedNowcaster(artifact, batch, postprocess, device)
                    : new Gs2pmNowcaster(artifact, batch, postprocess, device);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (options.outputFrames() != n.outputFrames()) {
            n.close();
            throw new IllegalArgumentException("artifact " + artifact.directory() + " predicts " + n.outputFrames()
                    + " frames, but " + options.outputFrames() + " were asked for");
        }
        return n;
    }

    public static Nowcaster byName(String name) {
        return byName(name, NowcasterOptions.defaults());
    }

    public static Set<String> names() {
        return Collections.unmodifiableSet(FACTORIES.keySet());
    }
}
