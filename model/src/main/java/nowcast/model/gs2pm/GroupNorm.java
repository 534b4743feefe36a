package nowcast.model.gs2pm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;

/**
 * {@code torch.nn.GroupNorm(groups, channels)}, eps 1e-5 (GS2PM.md section 4). DJL has no group
 * norm, so each group is normalised with the native layer norm over (channels-in-group x H x W)
 * and the per-channel affine follows.
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
        Shape s = x.getShape();
        long perGroup = s.size() / (s.get(0) * groups);
        NDArray grouped = x.reshape(s.get(0), groups, perGroup);
        // layer_norm needs an affine of the normalised shape; an expanded scalar costs no memory
        NDArray one = x.getManager().ones(new Shape(1), x.getDataType()).broadcast(new Shape(perGroup));
        NDArray zero = x.getManager().zeros(new Shape(1), x.getDataType()).broadcast(new Shape(perGroup));
        NDArray normed = LayerNorm.layerNorm(grouped, new Shape(perGroup), one, zero, EPS).singletonOrThrow().reshape(s);
        NDArray w = value(ps, weight, x, training).reshape(1, channels, 1, 1);
        NDArray b = value(ps, bias, x, training).reshape(1, channels, 1, 1);
        return new NDList(normed.mul(w).add(b));
    }
}
