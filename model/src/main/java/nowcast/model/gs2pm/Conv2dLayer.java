package nowcast.model.gs2pm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
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
    private final boolean pointwise;

    Conv2dLayer(int in, int out, int kernel, int stride, int padding, int groups, Initializer weightInit, Initializer biasInit) {
        this.weight = parameter("weight", Parameter.Type.WEIGHT, new Shape(out, in / groups, kernel, kernel), weightInit);
        this.bias = parameter("bias", Parameter.Type.BIAS, new Shape(out), biasInit);
        this.stride = new Shape(stride, stride);
        this.padding = new Shape(padding, padding);
        this.groups = groups;
        this.pointwise = kernel == 1 && stride == 1 && padding == 0 && groups == 1;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        if (pointwise) {
            // a 1x1 convolution is a matrix product over channels; on the channels-last view it
            // needs no layout change at all
            NDArray w = value(ps, weight, x, training);
            NDArray matrix = local(w.reshape(w.getShape().get(0), w.getShape().get(1)), x);
            NDArray y = Linear.linear(ChannelsLast.nhwc(x), matrix,
                    value(ps, bias, x, training)).singletonOrThrow();
            return new NDList(ChannelsLast.fromNhwc(y));
        }
        return Conv2d.conv2d(x, value(ps, weight, x, training), value(ps, bias, x, training), stride, padding,
                new Shape(1, 1), groups);
    }
}
