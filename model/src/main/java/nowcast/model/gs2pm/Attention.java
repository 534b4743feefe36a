package nowcast.model.gs2pm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import nowcast.model.autograd.GraphScalar;

/**
 * Global multi-head self-attention of docs/spec/gs2pm.md section 6.2 on tokens [B, N, D]: {@code qkv} (with
 * bias) split as (q|k|v, head, d_h), scores (q k^T) * d_h^-1/2, softmax over keys, heads
 * concatenated, then {@code proj}.
 */
final class Attention extends TorchBlock {

    private final LinearLayer qkv;
    private final LinearLayer proj;
    private final int heads;
    private final float scale;

    Attention(int dim, int heads) {
        this.heads = heads;
        this.scale = (float) Math.pow((double) dim / heads, -0.5);
        this.qkv = child("qkv", new LinearLayer(dim, 3 * dim, new NormalInitializer(0.02f)));
        this.proj = child("proj", new LinearLayer(dim, dim, new NormalInitializer(0.02f)));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        long b = x.getShape().get(0);
        long n = x.getShape().get(1);
        long d = x.getShape().get(2);
        NDArray t = qkv.apply(ps, x, training).reshape(b, n, 3, heads, d / heads).transpose(2, 0, 3, 1, 4);
        // scaling q instead of the N x N scores saves a pass over the largest tensor of the block;
        // the official (q k^T) * scale differs only by rounding (not at all when d_h is a power of 4)
        NDArray q = t.get(0);
        q = q.mul(GraphScalar.of(q, scale));
        NDArray k = t.get(1);
        NDArray v = t.get(2);
        NDArray heads = q.matMul(k.swapAxes(-1, -2)).softmax(-1).matMul(v);
        NDArray out = heads.transpose(0, 2, 1, 3).reshape(b, n, d);
        return new NDList(proj.apply(ps, out, training));
    }
}
