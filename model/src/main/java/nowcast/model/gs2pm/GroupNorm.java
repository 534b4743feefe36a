package nowcast.model.gs2pm;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;
import nowcast.model.autograd.GraphScalar;

/**
 * {@code torch.nn.GroupNorm(groups, channels)}, eps 1e-5 (docs/spec/gs2pm.md section 4). DJL has no group
 * norm, and at 128 x 128 this layer moves more memory than any other, so it is written for few
 * passes over the channels-last view: the sum and the sum of squares of each (sample, group) in
 * one read each, then one multiply and one in-place add with a per-(sample, channel) scale and
 * shift that fold the normalisation and the affine. Where the mean dominates the spread so much
 * that E[x^2] - E[x]^2 would cancel, the variance is taken from the centred values instead.
 *
 * <p>Deciding that needs one number on the host. On the CPU that read is free, so the one-pass form
 * is kept where it is safe; on a GPU it would stall the forward at every layer (a device-to-host
 * copy waits for all queued work), so there the centred form is always used: two more passes, which
 * a GPU's memory bandwidth absorbs, and the same result up to rounding.
 */
final class GroupNorm extends TorchBlock {

    private static final float EPS = 1e-5f;
    /** Below this ratio of variance to mean square, the one-pass variance loses digits. */
    private static final float CANCELLATION = 1e-3f;

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
        float count = s[2] * s[3] * perGroup;
        int[] groupAxes = {1, 3};
        // [N, H*W, groups, channels-in-group] on the channels-last view, so the layout is kept
        NDArray t = ChannelsLast.nhwc(x).reshape(s[0], s[2] * s[3], groups, perGroup);
        NDArray n = GraphScalar.of(t, count);
        NDArray mean = t.sum(groupAxes, true).div(n);
        NDArray var = t.square().sum(groupAxes, true).div(n).sub(mean.square());
        // host read: on the CPU only, where it costs nothing (see the class comment)
        if (!x.getDevice().equals(Device.cpu()) || var.div(mean.square().add(var).add(EPS)).min().getFloat() < CANCELLATION) {
            // the corrected two-pass form: the centred sum also repairs the rounding of the mean
            NDArray centred = t.sub(mean);
            NDArray correction = centred.sum(groupAxes, true).div(n);
            var = centred.square().sum(groupAxes, true).div(n).sub(correction.square());
            mean = mean.add(correction);
        }
        NDArray w = local(value(ps, weight, x, training).reshape(1, 1, groups, perGroup), x);
        NDArray b = local(value(ps, bias, x, training).reshape(1, 1, groups, perGroup), x);
        NDArray scale = var.maximum(GraphScalar.of(t, 0f)).add(GraphScalar.of(t, EPS)).sqrt().pow(GraphScalar.of(t, -1f)).mul(w);
        NDArray shift = b.sub(mean.mul(scale));
        NDArray y = t.mul(scale);
        y = Gs2pmNetwork.inPlaceAllowed(training) ? y.addi(shift) : y.add(shift);
        return new NDList(ChannelsLast.fromNhwc(y.reshape(s[0], s[2], s[3], s[1])));
    }
}
