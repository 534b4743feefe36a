package nowcast.model.gs2pm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;

/**
 * The convolutional translator block of docs/spec/gs2pm.md section 6.1 (Uniformer CBlock):
 * {@code x += pos_embed(x)}; {@code x += conv2(attn(conv1(norm1(x))))} with a depthwise 5x5
 * {@code attn}; {@code x += mlp(norm2(x))} with 1x1 convs and exact GELU. DropPath on the two
 * residual branches in training.
 */
public final class CBlock extends TorchBlock {

    private final Conv2dLayer posEmbed;
    private final BatchNorm2d norm1;
    private final Conv2dLayer conv1;
    private final Conv2dLayer conv2;
    private final Conv2dLayer attn;
    private final BatchNorm2d norm2;
    private final Conv2dLayer fc1;
    private final Conv2dLayer fc2;
    private final float dropPath;

    CBlock(int dim, int mlpRatio, float dropPath) {
        this.dropPath = dropPath;
        this.posEmbed = child("pos_embed", conv(dim, dim, 3, 1, dim));
        this.norm1 = child("norm1", new BatchNorm2d(dim));
        this.conv1 = child("conv1", conv(dim, dim, 1, 0, 1));
        this.conv2 = child("conv2", conv(dim, dim, 1, 0, 1));
        this.attn = child("attn", conv(dim, dim, 5, 2, dim));
        this.norm2 = child("norm2", new BatchNorm2d(dim));
        this.fc1 = child("mlp.fc1", conv(dim, mlpRatio * dim, 1, 0, 1));
        this.fc2 = child("mlp.fc2", conv(mlpRatio * dim, dim, 1, 0, 1));
    }

    /** Section 11: N(0, 2/fan_out) with fan_out = k*k*out/groups, bias 0. */
    private static Conv2dLayer conv(int in, int out, int k, int pad, int groups) {
        float std = (float) Math.sqrt(2.0 / ((double) k * k * out / groups));
        return new Conv2dLayer(in, out, k, 1, pad, groups, new NormalInitializer(std), new ConstantInitializer(0f));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        x = x.add(posEmbed.apply(ps, x, training));
        NDArray a = conv2.apply(ps, attn.apply(ps, conv1.apply(ps, norm1.apply(ps, x, training), training), training), training);
        x = x.add(DropPath.apply(a, dropPath, training));
        NDArray m = fc2.apply(ps, Activation.gelu(fc1.apply(ps, norm2.apply(ps, x, training), training)), training);
        return new NDList(x.add(DropPath.apply(m, dropPath, training)));
    }
}
