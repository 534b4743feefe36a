package nowcast.model.gs2pm;

import java.util.ArrayList;
import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The translator (official {@code MidMetaNet}, docs/spec/gs2pm.md section 6): N_T MetaBlocks
 * {@code enc.{k}} mapping T*hid_S -> hid_T -> ... -> T*hid_S, no residual around it. DropPath
 * rates follow section 9.
 */
final class Translator extends TorchBlock {

    private final List<MetaBlock> layers = new ArrayList<>();

    Translator(int d0, int hidT, int nT, int heads, int mlpRatio, float[] dropPathRates) {
        for (int k = 0; k < nT; k++) {
            int in = k == 0 ? d0 : hidT;
            int out = k == nT - 1 ? d0 : hidT;
            layers.add(child("enc." + k, new MetaBlock(in, out, k, heads, mlpRatio, dropPathRates[k])));
        }
    }

    int depth() {
        return layers.size();
    }

    /** Output of layer {@code k} alone (used to report stage statistics). */
    NDArray layer(int k, ParameterStore ps, NDArray x, boolean training) {
        return layers.get(k).apply(ps, x, training);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray z = inputs.singletonOrThrow();
        for (MetaBlock layer : layers) {
            z = layer.apply(ps, z, training);
        }
        return new NDList(z);
    }
}
