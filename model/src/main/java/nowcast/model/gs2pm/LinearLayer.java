package nowcast.model.gs2pm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
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
        long[] shape = x.getShape().getShape();
        long in = shape[shape.length - 1];
        long rows = x.getShape().size() / in;
        NDArray w = value(ps, weight, x, training);
        NDArray kernel = local(w.reshape(w.getShape().get(0), in, 1, 1), x);
        // the rows as a 1 x rows image, channels-last: the product runs as a oneDNN 1x1
        // convolution, about twice as fast here as the MKL sgemm behind torch.nn.Linear
        NDArray image = ChannelsLast.fromNhwc(x.reshape(1, 1, rows, in));
        NDArray y = Conv2d.conv2d(image, kernel, value(ps, bias, x, training), new Shape(1, 1), new Shape(0, 0), new Shape(1, 1), 1).singletonOrThrow();
        shape[shape.length - 1] = kernel.getShape().get(0);
        return new NDList(ChannelsLast.nhwc(y).reshape(shape));
    }
}
