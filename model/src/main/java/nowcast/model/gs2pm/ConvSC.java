package nowcast.model.gs2pm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;

/**
 * The encoder/decoder layer of docs/spec/gs2pm.md sections 4-5: Conv2d 3x3 (pad 1) -> GroupNorm(2) -> SiLU.
 * Downsampling uses stride 2; upsampling convolves to 4x the channels and applies PixelShuffle(2)
 * before the norm (its conv is then named {@code conv.conv.0}, as inside the official nn.Sequential).
 */
final class ConvSC extends TorchBlock {

    private final Conv2dLayer conv;
    private final GroupNorm norm;
    private final boolean upsampling;

    ConvSC(int in, int out, boolean downsampling, boolean upsampling) {
        this.upsampling = upsampling;
        int stride = downsampling ? 2 : 1;
        // construction-time init (section 11): trunc_normal(std 0.02), bias 0
        this.conv = child(upsampling ? "conv.conv.0" : "conv.conv",
                new Conv2dLayer(in, upsampling ? 4 * out : out, 3, stride, 1, 1, new NormalInitializer(0.02f), new ConstantInitializer(0f)));
        this.norm = child("conv.norm", new GroupNorm(2, out));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray y = conv.apply(ps, inputs.singletonOrThrow(), training);
        if (upsampling) {
            y = pixelShuffle(y, 2);
        }
        y = norm.apply(ps, y, training);
        // SiLU; in place when nothing records the graph, to spare a full-size allocation
        NDArray gate = y.getNDArrayInternal().sigmoid();
        return new NDList(Gs2pmNetwork.inPlaceAllowed(training) ? y.muli(gate) : y.mul(gate));
    }

    /**
     * output[c, r*y+i, r*x+j] = input[r*r*c + r*i + j, y, x] (torch.nn.PixelShuffle), computed on
     * the channels-last view; the result is channels-last.
     */
    static NDArray pixelShuffle(NDArray x, int r) {
        long n = x.getShape().get(0);
        long c = x.getShape().get(1) / (r * r);
        long h = x.getShape().get(2);
        long w = x.getShape().get(3);
        NDArray shuffled = ChannelsLast.nhwc(x).reshape(n, h, w, c, r, r).transpose(0, 1, 4, 2, 5, 3).reshape(n, h * r, w * r, c);
        return ChannelsLast.fromNhwc(shuffled);
    }
}
