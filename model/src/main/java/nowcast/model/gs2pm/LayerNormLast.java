package nowcast.model.gs2pm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;

/** {@code torch.nn.LayerNorm(channels)} over the last axis, eps 1e-5 (docs/spec/gs2pm.md section 6.2). */
final class LayerNormLast extends TorchBlock {

    private final Parameter weight;
    private final Parameter bias;
    private final Shape normalized;

    LayerNormLast(int channels) {
        this.normalized = new Shape(channels);
        this.weight = parameter("weight", Parameter.Type.GAMMA, normalized, new ConstantInitializer(1f));
        this.bias = parameter("bias", Parameter.Type.BETA, normalized, new ConstantInitializer(0f));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        return LayerNorm.layerNorm(x, normalized, value(ps, weight, x, training), value(ps, bias, x, training), 1e-5f);
    }
}
