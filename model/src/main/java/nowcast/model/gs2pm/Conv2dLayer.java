package nowcast.model.gs2pm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;

/** {@code torch.nn.Conv2d} with bias: parameters {@code weight [out, in/groups, k, k]} and {@code bias [out]}. */
final class Conv2dLayer extends TorchBlock {

    private final Parameter weight;
    private final Parameter bias;
    private final Shape stride;
    private final Shape padding;
    private final int groups;

    Conv2dLayer(int in, int out, int kernel, int stride, int padding, int groups, Initializer weightInit, Initializer biasInit) {
        this.weight = parameter("weight", Parameter.Type.WEIGHT, new Shape(out, in / groups, kernel, kernel), weightInit);
        this.bias = parameter("bias", Parameter.Type.BIAS, new Shape(out), biasInit);
        this.stride = new Shape(stride, stride);
        this.padding = new Shape(padding, padding);
        this.groups = groups;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        // 1x1 convolutions too go to oneDNN: on channels-last input they are its JIT matrix
        // kernels, about twice as fast here as the BLAS (MKL sgemm) behind a plain matmul
        NDArray x = inputs.singletonOrThrow();
        return Conv2d.conv2d(x, value(ps, weight, x, training), value(ps, bias, x, training), stride, padding,
                new Shape(1, 1), groups);
    }
}
