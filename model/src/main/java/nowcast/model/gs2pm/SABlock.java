package nowcast.model.gs2pm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.training.initializer.UniformInitializer;
import ai.djl.util.PairList;

/**
 * The self-attention translator block of docs/spec/gs2pm.md section 6.2 (Uniformer SABlock):
 * {@code x += pos_embed(x)}; tokens [B, h*w, D]; {@code x += gamma_1 * attn(norm1(x))};
 * {@code x += gamma_2 * mlp(norm2(x))} with layer-scale vectors; back to [B, D, h, w].
 */
public final class SABlock extends TorchBlock {

    private final Parameter gamma1;
    private final Parameter gamma2;
    private final Conv2dLayer posEmbed;
    private final LayerNormLast norm1;
    private final Attention attn;
    private final LayerNormLast norm2;
    private final LinearLayer fc1;
    private final LinearLayer fc2;
    private final float dropPath;
    private final int dim;

    SABlock(int dim, int heads, int mlpRatio, float dropPath) {
        this.dim = dim;
        this.dropPath = dropPath;
        this.gamma1 = parameter("gamma_1", Parameter.Type.WEIGHT, new Shape(dim), new ConstantInitializer(1e-6f));
        this.gamma2 = parameter("gamma_2", Parameter.Type.WEIGHT, new Shape(dim), new ConstantInitializer(1e-6f));
        // pos_embed keeps PyTorch's default conv init: U(+-1/sqrt(fan_in)), fan_in = 3*3 (depthwise)
        this.posEmbed = child("pos_embed", new Conv2dLayer(dim, dim, 3, 1, 1, dim, new UniformInitializer(1f / 3f), new UniformInitializer(1f / 3f)));
        this.norm1 = child("norm1", new LayerNormLast(dim));
        this.attn = child("attn", new Attention(dim, heads));
        this.norm2 = child("norm2", new LayerNormLast(dim));
        this.fc1 = child("mlp.fc1", new LinearLayer(dim, mlpRatio * dim, new NormalInitializer(0.02f)));
        this.fc2 = child("mlp.fc2", new LinearLayer(mlpRatio * dim, dim, new NormalInitializer(0.02f)));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        x = x.add(posEmbed.apply(ps, x, training));
        Shape s = x.getShape();
        // token n = row*w + col: the channels-last view is already [B, N, D]
        NDArray tokens = ChannelsLast.nhwc(x).reshape(s.get(0), s.get(2) * s.get(3), dim);
        NDArray g1 = value(ps, gamma1, x, training);
        NDArray g2 = value(ps, gamma2, x, training);
        NDArray a = attn.apply(ps, norm1.apply(ps, tokens, training), training).mul(g1);
        tokens = tokens.add(DropPath.apply(a, dropPath, training));
        NDArray m = fc2.apply(ps, Activation.gelu(fc1.apply(ps, norm2.apply(ps, tokens, training), training)), training).mul(g2);
        tokens = tokens.add(DropPath.apply(m, dropPath, training));
        return new NDList(ChannelsLast.fromNhwc(tokens.reshape(s.get(0), s.get(2), s.get(3), dim)));
    }
}
