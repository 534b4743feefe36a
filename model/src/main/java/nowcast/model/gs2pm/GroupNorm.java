package nowcast.model.gs2pm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;

/**
 * {@code torch.nn.GroupNorm(groups, channels)}, eps 1e-5 (GS2PM.md section 4). DJL has no group
 * norm; the mean and biased variance over (channels-in-group x H x W) are computed on the
 * channels-last view (two passes, for accuracy) and the per-channel affine is folded into one
 * scale and shift.
 */
final class GroupNorm extends TorchBlock {

    private static final float EPS = 1e-5f;

    private final Parameter weight;
    private final Parameter bias;
    private final int groups;
    private final int channels;

    GroupNorm(int groups, int channels) {
        if (channels % groups != 0) {
            throw new IllegalArgumentException("GroupNorm: " + channels + " channels are not divisible into " + groups + " groups");
        }
        this.groups = groups;
        this.channels = channels;
        this.weight = parameter("weight", Parameter.Type.GAMMA, new Shape(channels), new ConstantInitializer(1f));
        this.bias = parameter("bias", Parameter.Type.BETA, new Shape(channels), new ConstantInitializer(0f));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        long[] s = x.getShape().getShape();
        long perGroup = channels / groups;
        // statistics over (H*W, channels of the group) on the channels-last view, so the layout is kept
        NDArray t = ChannelsLast.nhwc(x).reshape(s[0], s[2] * s[3], groups, perGroup);
        NDArray mean = t.mean(new int[] {3}, true).mean(new int[] {1}, true);
        NDArray centred = t.sub(mean);
        NDArray var = centred.square().mean(new int[] {3}, true).mean(new int[] {1}, true);
        NDArray w = local(value(ps, weight, x, training).reshape(1, 1, groups, perGroup), x);
        NDArray b = local(value(ps, bias, x, training).reshape(1, 1, groups, perGroup), x);
        NDArray scale = var.add(EPS).sqrt().pow(-1).mul(w);
        NDArray y = centred.mul(scale).add(b);
        return new NDList(ChannelsLast.fromNhwc(y.reshape(s[0], s[2], s[3], s[1])));
    }
}
