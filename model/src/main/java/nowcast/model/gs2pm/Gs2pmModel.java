package nowcast.model.gs2pm;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import nowcast.model.weights.NamedTensor;

/**
 * A GS2PM network with its weights in native memory, ready to run. One instance may be shared by
 * many threads: {@link #predict} gives each call its own NDArray scope and parameter store (the
 * one-predictor-per-thread pattern of docs/spec/runtime-notes.md, "Thread safety") and runs without autograd.
 *
 * <p>The parameters live on one {@link Device} (the CPU unless a factory is given another). Every
 * array of a forward is made on that device: {@link #predict} copies the batch there once and the
 * result back once (docs/model.md, "Devices").
 */
public final class Gs2pmModel implements AutoCloseable {

    static {
        // DJL must never reach for the network; these have to be set before the engine loads.
        System.setProperty("ai.djl.offline", System.getProperty("ai.djl.offline", "true"));
        System.setProperty("OPT_OUT_TRACKING", System.getProperty("OPT_OUT_TRACKING", "true"));
        System.setProperty("ai.djl.default_engine", System.getProperty("ai.djl.default_engine", "PyTorch"));
    }

    private final Model model;
    private final Gs2pmNetwork network;
    private final Device device;

    private Gs2pmModel(Gs2pmConfig config, Device device) {
        this.network = new Gs2pmNetwork(config);
        this.device = device;
        this.model = Model.newInstance("gs2pm-" + config.scaleName(), device, "PyTorch");
        model.setBlock(network);
        network.initialize(model.getNDManager(), DataType.FLOAT32, network.inputShape(1));
    }

    /**
     * The construction-time initialisation of the official classes (docs/spec/gs2pm.md section 11), seeded; an
     * advection-conditioned network also gets a zero readout.
     */
    public static Gs2pmModel randomlyInitialised(Gs2pmConfig config, long seed) {
        return randomlyInitialised(config, seed, Device.cpu());
    }

    /**
     * As {@link #randomlyInitialised(Gs2pmConfig, long)} on {@code device}, with the same values as
     * on the CPU: the weights are drawn there (the GPU's random generator gives other numbers for the
     * same seed) and then copied.
     */
    public static Gs2pmModel randomlyInitialised(Gs2pmConfig config, long seed, Device device) {
        Engine.getEngine("PyTorch").setRandomSeed((int) seed);
        Gs2pmModel cpu = new Gs2pmModel(config, Device.cpu());
        if (config.advectionConditioned()) {
            // the correction starts at zero: an untrained conditioned network forecasts the extrapolation
            cpu.network.zeroReadout();
        }
        if (device.equals(Device.cpu())) {
            return cpu;
        }
        try (cpu) {
            Map<String, NamedTensor> weights = new LinkedHashMap<>();
            cpu.network.exportStateDict().forEach(t -> weights.put(t.name(), t));
            return withWeights(config, weights, "random initialisation (seed " + seed + ")", device);
        }
    }

    /** A network with the given state_dict (strict by name and shape). */
    public static Gs2pmModel withWeights(Gs2pmConfig config, Map<String, NamedTensor> stateDict, String source) {
        return withWeights(config, stateDict, source, Device.cpu());
    }

    /** As {@link #withWeights(Gs2pmConfig, Map, String)}, with the parameters on {@code device}. */
    public static Gs2pmModel withWeights(Gs2pmConfig config, Map<String, NamedTensor> stateDict, String source, Device device) {
        Gs2pmModel m = new Gs2pmModel(config, device);
        try {
            m.network.loadStateDict(stateDict, source);
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
        return m;
    }

    /** Sizes inferred from the tensor shapes, then loaded. */
    public static Gs2pmModel withWeights(Map<String, NamedTensor> stateDict, String source) {
        return withWeights(stateDict, source, Device.cpu());
    }

    /** Sizes inferred from the tensor shapes, then loaded onto {@code device}. */
    public static Gs2pmModel withWeights(Map<String, NamedTensor> stateDict, String source, Device device) {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        stateDict.forEach((k, v) -> shapes.put(k, v.shape()));
        return withWeights(Gs2pmConfig.inferFromShapes(shapes), stateDict, source, device);
    }

    public Gs2pmNetwork network() {
        return network;
    }

    public Gs2pmConfig config() {
        return network.config();
    }

    /** Where the parameters live and every forward runs. */
    public Device device() {
        return device;
    }

    /** The DJL model (its manager owns the parameters), for training code. */
    public Model djlModel() {
        return model;
    }

    /**
     * Runs the prediction branch (eval mode) on {@code batch} samples laid out as
     * {@code [B, T, 3, 128, 128]} float32, returning the same layout.
     */
    public float[] predict(float[] input, int batch) {
        return predict(input, batch, null);
    }

    /** As {@link #predict(float[], int)}, reporting each intermediate stage as a host copy. */
    public float[] predict(float[] input, int batch, BiConsumer<String, float[]> stages) {
        Shape shape = network.inputShape(batch);
        if (input.length != shape.size()) {
            throw new IllegalArgumentException("GS2PM input for batch " + batch + " needs shape " + shape + " = "
                    + shape.size() + " values, got " + input.length);
        }
        boolean grad = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try (NDManager scope = model.getNDManager().newSubManager()) {
            ParameterStore ps = new ParameterStore(scope, false);
            // device: the scope is a sub-manager of the model's manager: the one copy to the model's device
            NDArray x = scope.create(input, shape);
            // host read: only when a caller asks to see the stages (parity diagnostics)
            BiConsumer<String, NDArray> observer = stages == null ? null : (n, a) -> stages.accept(n, a.toFloatArray());
            // host read: the one copy of the result back
            return network.predict(ps, x, false, observer).toFloatArray();
        } finally {
            JniUtils.setGradMode(grad);
        }
    }

    @Override
    public void close() {
        model.close();
    }
}
