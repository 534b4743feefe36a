package nowcast.training.jobs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import nowcast.model.weights.NamedTensor;

/**
 * Adam exactly as {@code torch.optim.Adam} (betas 0.9/0.999, eps 1e-8, no weight decay), with
 * optional clipping of the global gradient norm. Written out instead of using DJL's {@code Adam}
 * because its moment estimates are private: a checkpoint must carry them to resume to the same
 * state.
 */
final class AdamOptimizer {

    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPS = 1e-8f;

    private final Map<String, Parameter> parameters;
    private final Map<String, NDArray> firstMoments = new LinkedHashMap<>();
    private final Map<String, NDArray> secondMoments = new LinkedHashMap<>();
    private final NDManager stateManager;
    private final float learningRate;
    private final float clipNorm;
    private long steps;

    /** @param clipNorm maximum global L2 norm of the gradients, or 0 for no clipping */
    AdamOptimizer(Map<String, Parameter> parameters, NDManager stateManager, float learningRate, float clipNorm) {
        this.parameters = new LinkedHashMap<>(parameters);
        this.stateManager = stateManager;
        this.learningRate = learningRate;
        this.clipNorm = clipNorm;
        parameters.forEach((name, p) -> {
            NDArray w = p.getArray();
            firstMoments.put(name, stateManager.zeros(w.getShape(), w.getDataType(), w.getDevice()));
            secondMoments.put(name, stateManager.zeros(w.getShape(), w.getDataType(), w.getDevice()));
        });
    }

    long steps() {
        return steps;
    }

    float step() {
        return step(learningRate);
    }

    /**
     * Applies one update from the gradients that backward left on the parameters, then clears them.
     *
     * @param rate the learning rate of this step (a schedule's value; the constructor's by default)
     * @return the global gradient norm before clipping
     */
    float step(float rate) {
        steps++;
        try (NDManager scope = stateManager.newSubManager()) {
            Map<String, NDArray> grads = new LinkedHashMap<>();
            NDList perTensor = new NDList();
            for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
                NDArray g = e.getValue().getArray().getGradient();
                g.attach(scope);
                grads.put(e.getKey(), g);
                perTensor.add(g.square().sum());
            }
            // one copy to the host for all tensors (a read per tensor would stall a GPU once per tensor);
            // summed here in the same order and precision as before, so CPU training is unchanged
            // host read: the one per step, for the norm check and clipping
            float[] sums = perTensor.isEmpty() ? new float[0] : NDArrays.stack(perTensor).toFloatArray();
            double squares = 0;
            List<String> nonFinite = new ArrayList<>();
            List<String> names = new ArrayList<>(grads.keySet());
            for (int i = 0; i < sums.length; i++) {
                if (!Float.isFinite(sums[i])) {
                    nonFinite.add(names.get(i));
                }
                squares += sums[i];
            }
            float norm = (float) Math.sqrt(squares);
            if (!Float.isFinite(norm)) {
                throw new IllegalStateException("the gradient norm is " + norm + " at step " + steps + " (not finite in "
                        + nonFinite.size() + " of " + parameters.size() + " tensors: " + String.join(", ", nonFinite.subList(0,
                                Math.min(8, nonFinite.size()))) + (nonFinite.size() > 8 ? ", ..." : "")
                        + "; diverged: lower the learning rate or set a clip norm)");
            }
            float scale = clipNorm > 0 && norm > clipNorm ? clipNorm / (norm + 1e-6f) : 1f;
            float bias1 = 1f - (float) Math.pow(BETA1, steps);
            float bias2Sqrt = (float) Math.sqrt(1.0 - Math.pow(BETA2, steps));
            for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
                String name = e.getKey();
                NDArray w = e.getValue().getArray();
                NDArray g = grads.get(name);
                if (scale != 1f) {
                    g = g.mul(scale);
                }
                NDArray m = firstMoments.get(name);
                NDArray v = secondMoments.get(name);
                m.muli(BETA1).addi(g.mul(1f - BETA1));
                v.muli(BETA2).addi(g.square().mul(1f - BETA2));
                NDArray denom = v.sqrt();
                denom.attach(scope);
                denom = denom.div(bias2Sqrt).add(EPS);
                NDArray update = m.mul(rate / bias1);
                update.attach(scope);
                w.subi(update.div(denom));
            }
            for (NDArray g : grads.values()) {
                g.subi(g);
            }
            return norm;
        }
    }

    /** The moments as named tensors ({@code exp_avg.<param>}, {@code exp_avg_sq.<param>}). */
    List<NamedTensor> export() {
        List<NamedTensor> out = new ArrayList<>();
        // host read: exporting the moments to a checkpoint file (both lines)
        firstMoments.forEach((n, a) -> out.add(NamedTensor.ofFloats("exp_avg." + n, a.getShape().getShape(), a.toFloatArray())));
        // host read: as above
        secondMoments.forEach((n, a) -> out.add(NamedTensor.ofFloats("exp_avg_sq." + n, a.getShape().getShape(), a.toFloatArray())));
        return out;
    }

    void restore(Map<String, NamedTensor> state, long stepCount, String source) {
        for (String name : parameters.keySet()) {
            copy(state, "exp_avg." + name, firstMoments.get(name), source);
            copy(state, "exp_avg_sq." + name, secondMoments.get(name), source);
        }
        steps = stepCount;
    }

    private static void copy(Map<String, NamedTensor> state, String key, NDArray dst, String source) {
        NamedTensor t = state.get(key);
        if (t == null) {
            throw new IllegalArgumentException(source + ": optimizer state has no tensor " + key
                    + " (was the checkpoint written by another training mode?)");
        }
        if (t.numel() != dst.getShape().size()) {
            throw new IllegalArgumentException(source + ": optimizer tensor " + key + " is " + t.shapeText() + ", expected "
                    + dst.getShape());
        }
        dst.set(t.toFloats());
    }
}
