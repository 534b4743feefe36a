package nowcast.model.gs2pm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.UniformInitializer;
import ai.djl.util.PairList;

/**
 * One translator layer (docs/spec/gs2pm.md section 6): a {@code block} at the input width (SABlock when
 * input and output widths are equal and the layer index is above 0, else CBlock), then, when the
 * widths differ, a 1x1 {@code reduction} conv to the output width.
 */
final class MetaBlock extends TorchBlock {

    private final TorchBlock block;
    private final Conv2dLayer reduction;

    MetaBlock(int in, int out, int layerIndex, int heads, int mlpRatio, float dropPath) {
        boolean attention = in == out && layerIndex > 0;
        this.block = child("block", attention ? new SABlock(in, heads, mlpRatio, dropPath) : new CBlock(in, mlpRatio, dropPath));
        if (in != out) {
            float bound = (float) (1 / Math.sqrt(in));
            this.reduction = child("reduction", new Conv2dLayer(in, out, 1, 1, 0, 1, new UniformInitializer(bound), new UniformInitializer(bound)));
        } else {
            this.reduction = null;
        }
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray z = block.apply(ps, inputs.singletonOrThrow(), training);
        return new NDList(reduction == null ? z : reduction.apply(ps, z, training));
    }
}
