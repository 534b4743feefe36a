package nowcast.model.gs2pm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;

/** {@code torch.nn.Linear} with bias on the last axis: {@code weight [out, in]}, {@code bias [out]}. */
final class LinearLayer extends TorchBlock {

    private final Parameter weight;
    private final Parameter bias;

    LinearLayer(int in, int out, Initializer weightInit) {
        this.weight = parameter("weight", Parameter.Type.WEIGHT, new Shape(out, in), weightInit);
        this.bias = parameter("bias", Parameter.Type.BIAS, new Shape(out), new ConstantInitializer(0f));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        return Linear.linear(x, value(ps, weight, x, training), value(ps, bias, x, training));
    }
}
