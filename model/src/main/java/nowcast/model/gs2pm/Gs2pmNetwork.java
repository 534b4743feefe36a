package nowcast.model.gs2pm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiConsumer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import nowcast.model.weights.NamedTensor;
import nowcast.model.weights.TensorType;

/**
 * GS2PM (the official MS2Pv3 / MS2Pv3_tune network) as a tree of DJL blocks whose names are the
 * official {@code state_dict} names: {@code enc} ({@link Encoder}), {@code dec} ({@link Decoder}),
 * {@code translator} ({@link Translator}), {@code prompt} ({@link PadPrompter}).
 *
 * <p>{@link #forward} (one input {@code [B, T, 3, 128, 128]}) runs the prediction branch of
 * docs/spec/gs2pm.md section 2 and returns {@code Y_pred} of the same shape. {@link #forwardPretraining} also
 * runs the masked reconstruction branch and returns {@code (Y_pred, Y_in)} as MS2Pv3 does. In
 * training mode DropPath and BatchNorm batch statistics are active (section 9) unless
 * {@link #setBatchNormStatisticsFrozen} freezes the latter.
 */
public final class Gs2pmNetwork extends TorchBlock {

    private final Gs2pmConfig config;
    private final Encoder enc;
    private final Decoder dec;
    private final Translator translator;
    private final PadPrompter prompt;
    private final MaskGenerator mask;

    public Gs2pmNetwork(Gs2pmConfig config) {
        this.config = config;
        this.enc = child("enc", new Encoder(config.channels(), config.hidS(), config.nS()));
        this.dec = child("dec", new Decoder(config.hidS(), config.channels(), config.nS()));
        this.translator = child("translator", new Translator(config.translatorInputWidth(), config.hidT(), config.nT(),
                config.heads(), config.mlpRatio(), config.dropPathRates()));
        this.prompt = child("prompt", new PadPrompter(config.channels(), config.imageSize()));
        this.mask = new MaskGenerator(config.imageSize(), 16, 0.6, config.officialMask());
    }

    public Gs2pmConfig config() {
        return config;
    }

    /** The input shape for a batch of {@code batch} windows. */
    public Shape inputShape(int batch) {
        return new Shape(batch, config.frames(), config.channels(), config.imageSize(), config.imageSize());
    }

    /**
     * Prediction branch with an optional observer of the intermediate stages ("after_prompt",
     * "enc.0 (skip)", "enc latent", "translator.enc.{k}", "translator out", "dec.{i}"), named as in
     * the parity fixture's {@code fixture_info.json}.
     */
    public NDArray predict(ParameterStore ps, NDArray x, boolean training, BiConsumer<String, NDArray> stages) {
        checkInput(x);
        Shape s = x.getShape();
        long b = s.get(0);
        int t = config.frames();
        NDArray raw = ChannelsLast.of(x.reshape(b * t, s.get(2), s.get(3), s.get(4)));
        NDArray frames = prompt.apply(ps, raw, training);
        raw.close();
        report(stages, "after_prompt", frames);
        NDList encoded = enc.forward(ps, new NDList(frames), training);
        frames.close();
        NDArray latent = encoded.get(0);
        NDArray skip = encoded.get(1);
        report(stages, "enc.0 (skip)", skip);
        report(stages, "enc latent", latent);
        Shape ls = latent.getShape();
        NDArray z = mergeTime(latent, b, t);
        latent.close();
        for (int k = 0; k < translator.depth(); k++) {
            NDArray next = translator.layer(k, ps, z, training);
            z.close();
            z = next;
            report(stages, "translator.enc." + k, z);
        }
        if (stages != null) {
            report(stages, "translator out", z.reshape(b, t, ls.get(1), ls.get(2), ls.get(3)));
        }
        NDArray hid = splitTime(z, b, t);
        z.close();
        NDArray y = dec.decode(ps, hid, skip, training, stages);
        hid.close();
        skip.close();
        NDArray out = y.reshape(s);
        if (out != y) {
            y.close();
        }
        if (config.residual()) {
            // the increment is added to the last observed frame (un-prompted), the same for every lead
            NDArray last = x.get(new NDIndex(":, {}:", t - 1));
            NDArray sum = out.add(last);
            out.close();
            out = sum;
        }
        return out;
    }

    /**
     * Whether a layer may overwrite its own temporaries: only when no autograd graph is being
     * recorded, since backward needs the values an in-place operation would destroy.
     */
    static boolean inPlaceAllowed(boolean training) {
        return !training && !JniUtils.isGradMode();
    }

    /** [B*T, C, h, w] -> [B, T*C, h, w], channel t*C + c (t-major), channels-last in and out. */
    static NDArray mergeTime(NDArray latent, long b, long t) {
        long[] s = latent.getShape().getShape();
        NDArray nhwc = ChannelsLast.nhwc(latent).reshape(b, t, s[2], s[3], s[1]).transpose(0, 2, 3, 1, 4);
        return ChannelsLast.fromNhwc(nhwc.reshape(b, s[2], s[3], t * s[1]));
    }

    /** Inverse of {@link #mergeTime}. */
    static NDArray splitTime(NDArray z, long b, long t) {
        long[] s = z.getShape().getShape();
        long c = s[1] / t;
        NDArray nhwc = ChannelsLast.nhwc(z).reshape(b, s[2], s[3], t, c).transpose(0, 3, 1, 2, 4);
        return ChannelsLast.fromNhwc(nhwc.reshape(b * t, s[2], s[3], c));
    }

    /**
     * MS2Pv3's pre-training forward: {@code (Y_pred, Y_in)}, where {@code Y_in} reconstructs the
     * un-prompted input from its masked version through the shared encoder and decoder (no
     * translator). One mask per call, drawn from {@code random}.
     */
    public NDList forwardPretraining(ParameterStore ps, NDArray x, boolean training, Random random) {
        NDArray pred = predict(ps, x, training, null);
        Shape s = x.getShape();
        NDArray frames = ChannelsLast.of(x.reshape(s.get(0) * s.get(1), s.get(2), s.get(3), s.get(4)));
        NDArray m = mask.drawArray(x.getManager(), x.getDevice(), random).toType(x.getDataType(), false);
        NDList encoded = enc.forward(ps, new NDList(frames.mul(m)), training);
        NDArray rec = dec.decode(ps, encoded.get(0), encoded.get(1), training, null);
        return new NDList(pred, rec.reshape(s));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(predict(ps, inputs.singletonOrThrow(), training, null));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    private void checkInput(NDArray x) {
        Shape s = x.getShape();
        Shape expected = inputShape((int) Math.max(1, s.dimension() > 0 ? s.get(0) : 1));
        if (s.dimension() != 5 || !s.slice(1).equals(expected.slice(1))) {
            throw new IllegalArgumentException("GS2PM input must have shape (B, " + config.frames() + ", " + config.channels()
                    + ", " + config.imageSize() + ", " + config.imageSize() + "), got " + s);
        }
        if (x.getDataType() != DataType.FLOAT32 && x.getDataType() != DataType.FLOAT16) {
            throw new IllegalArgumentException("GS2PM input must be float32, got " + x.getDataType());
        }
    }

    private static void report(BiConsumer<String, NDArray> stages, String name, NDArray value) {
        if (stages != null) {
            stages.accept(name, value);
        }
    }

    /** In training mode, use the running statistics instead of batch statistics and leave them unchanged. */
    public void setBatchNormStatisticsFrozen(boolean frozen) {
        visit(b -> {
            if (b instanceof BatchNorm2d bn) {
                bn.setStatisticsFrozen(frozen);
            }
        });
    }

    /**
     * The re-initialisation of training from scratch (docs/spec/gs2pm.md section 11, {@code ini_mode='xavier'}):
     * every Conv2d and Linear weight ~ N(0, 2 / (fan_in + fan_out)) with fan_in = in/groups*kh*kw and
     * fan_out = out*kh*kw, every such bias 0; norms, gammas and prompt keep their values. A
     * network that {@linkplain Gs2pmConfig#startsFromBaseline() starts from a baseline} then gets a zero readout. Needs an
     * initialised network.
     */
    public void applyXavierInitialisation(long seed) {
        java.util.Random random = new java.util.Random(seed);
        Map<String, Parameter> params = stateDictParameters();
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            Shape shape = e.getValue().getShape();
            if (!e.getKey().endsWith(".weight") || shape.dimension() < 2) {
                continue;
            }
            long receptive = shape.dimension() == 4 ? shape.get(2) * shape.get(3) : 1;
            double std = Math.sqrt(2.0 / (shape.get(1) * receptive + shape.get(0) * receptive));
            float[] values = new float[Math.toIntExact(shape.size())];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) (random.nextGaussian() * std);
            }
            e.getValue().getArray().set(values);
            Parameter bias = params.get(e.getKey().substring(0, e.getKey().length() - "weight".length()) + "bias");
            if (bias != null) {
                bias.getArray().set(new float[Math.toIntExact(bias.getShape().size())]);
            }
        }
        if (config.startsFromBaseline()) {
            zeroReadout();
        }
    }

    /**
     * Sets the readout to zero, so that a network that {@linkplain Gs2pmConfig#startsFromBaseline()
     * starts from a baseline} adds nothing to the last frame (residual) or to the extrapolation
     * (advection-conditioned).
     */
    public void zeroReadout() {
        Map<String, Parameter> params = stateDictParameters();
        for (String name : List.of("dec.readout.weight", "dec.readout.bias")) {
            Parameter p = params.get(name);
            p.getArray().set(new float[Math.toIntExact(p.getShape().size())]);
        }
    }

    /** Every parameter and float buffer under its official state_dict name, in file order. */
    public Map<String, Parameter> stateDictParameters() {
        Map<String, Parameter> out = new LinkedHashMap<>();
        collectParameters("", out);
        return out;
    }

    /** Names and shapes of the whole state_dict (parameters, running statistics, num_batches_tracked). */
    public Map<String, Shape> stateDictShapes() {
        Map<String, Shape> out = new LinkedHashMap<>();
        Map<String, BatchNorm2d> counters = counters();
        for (Map.Entry<String, Parameter> e : stateDictParameters().entrySet()) {
            out.put(e.getKey(), e.getValue().getShape());
            String bnPrefix = e.getKey().endsWith(".running_var") ? e.getKey().substring(0, e.getKey().length() - "running_var".length()) : null;
            if (bnPrefix != null && counters.containsKey(bnPrefix + "num_batches_tracked")) {
                out.put(bnPrefix + "num_batches_tracked", new Shape());
            }
        }
        return out;
    }

    Map<String, BatchNorm2d> counters() {
        Map<String, BatchNorm2d> out = new LinkedHashMap<>();
        collectCounters("", out);
        return out;
    }

    /** All trainable parameters (what {@code sum(p.numel() for p in model.parameters())} reports). */
    public long trainableParameterCount() {
        long n = 0;
        for (Parameter p : stateDictParameters().values()) {
            if (p.getType() != Parameter.Type.RUNNING_MEAN && p.getType() != Parameter.Type.RUNNING_VAR) {
                n += p.getShape().size();
            }
        }
        return n;
    }

    /** The paper's convention: weights and biases of layers run in forward, without prompt pads and SABlock gammas. */
    public long paperParameterCount() {
        long n = 0;
        for (Map.Entry<String, Parameter> e : stateDictParameters().entrySet()) {
            Parameter p = e.getValue();
            String name = e.getKey();
            boolean buffer = p.getType() == Parameter.Type.RUNNING_MEAN || p.getType() == Parameter.Type.RUNNING_VAR;
            if (!buffer && !name.startsWith("prompt.") && !name.endsWith(".gamma_1") && !name.endsWith(".gamma_2")) {
                n += p.getShape().size();
            }
        }
        return n;
    }

    /** The state_dict as host tensors, in the official order, ready for safetensors/npz. */
    public List<NamedTensor> exportStateDict() {
        Map<String, BatchNorm2d> counters = counters();
        List<NamedTensor> out = new ArrayList<>();
        for (Map.Entry<String, Parameter> e : stateDictParameters().entrySet()) {
            NDArray a = e.getValue().getArray();
            // host read: exporting the weights to a file
            out.add(NamedTensor.ofFloats(e.getKey(), a.getShape().getShape(), a.toType(DataType.FLOAT32, false).toFloatArray()));
            if (e.getKey().endsWith(".running_var")) {
                String counter = e.getKey().substring(0, e.getKey().length() - "running_var".length()) + "num_batches_tracked";
                BatchNorm2d bn = counters.get(counter);
                byte[] data = java.nio.ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(bn.batchesTracked()).array();
                out.add(new NamedTensor(counter, TensorType.INT64, new long[0], data));
            }
        }
        return out;
    }

    /**
     * Copies a state_dict into the (initialised) network. Strict: a missing, unexpected or
     * mis-shaped name is an error that lists every such name and says which config field the shape
     * depends on.
     */
    public void loadStateDict(Map<String, NamedTensor> tensors, String source) {
        Map<String, Parameter> params = stateDictParameters();
        Map<String, BatchNorm2d> counters = counters();
        Map<String, Shape> expected = stateDictShapes();
        List<String> missing = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        List<String> badShape = new ArrayList<>();
        for (Map.Entry<String, Shape> e : expected.entrySet()) {
            NamedTensor t = tensors.get(e.getKey());
            if (t == null) {
                missing.add(e.getKey());
            } else if (!new Shape(t.shape()).equals(e.getValue()) && !(t.numel() == 1 && e.getValue().dimension() == 0)) {
                badShape.add(e.getKey() + " is " + t.shapeText() + " in the file, the network needs " + e.getValue());
            }
        }
        for (String name : tensors.keySet()) {
            if (!expected.containsKey(name)) {
                unexpected.add(name);
            }
        }
        if (!missing.isEmpty() || !unexpected.isEmpty() || !badShape.isEmpty()) {
            StringBuilder m = new StringBuilder("weights from " + source + " do not match GS2PM " + config.describe() + ":");
            if (!badShape.isEmpty()) {
                m.append("\n  wrong shape (").append(badShape.size()).append("): ").append(String.join("; ", limit(badShape)));
            }
            if (!missing.isEmpty()) {
                m.append("\n  missing (").append(missing.size()).append("): ").append(String.join(", ", limit(missing)));
            }
            if (!unexpected.isEmpty()) {
                m.append("\n  unexpected (").append(unexpected.size()).append("): ").append(String.join(", ", limit(unexpected)));
            }
            m.append("\n  (the config's hid_S, hid_T, N_S, N_T and frames must be those the weights were trained with)");
            throw new IllegalArgumentException(m.toString());
        }
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            NamedTensor t = tensors.get(e.getKey());
            float[] values = t.toFloats();
            for (float v : values) {
                if (!Float.isFinite(v)) {
                    throw new IllegalArgumentException("weights from " + source + ": tensor " + e.getKey() + " contains NaN or infinity");
                }
            }
            NDArray dst = e.getValue().getArray();
            dst.set(values);
        }
        counters.forEach((name, bn) -> bn.setBatchesTracked(tensors.get(name).scalarAsLong()));
    }

    private static List<String> limit(List<String> items) {
        if (items.size() <= 20) {
            return items;
        }
        List<String> out = new ArrayList<>(items.subList(0, 20));
        out.add("... " + (items.size() - 20) + " more");
        return out;
    }
}
