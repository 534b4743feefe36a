package nowcast.model.gs2pm;

import java.util.ArrayList;
import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * docs/spec/gs2pm.md section 4: N_S ConvSC layers ({@code enc.{i}}), stride 2 on odd layers. Returns the
 * latent and the skip (the output of the first layer), in that order.
 */
final class Encoder extends TorchBlock {

    private final List<ConvSC> layers = new ArrayList<>();

    Encoder(int channels, int hidS, int nS) {
        for (int i = 0; i < nS; i++) {
            layers.add(child("enc." + i, new ConvSC(i == 0 ? channels : hidS, hidS, i % 2 == 1, false)));
        }
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray skip = layers.get(0).apply(ps, inputs.singletonOrThrow(), training);
        NDArray latent = skip;
        for (int i = 1; i < layers.size(); i++) {
            NDArray next = layers.get(i).apply(ps, latent, training);
            if (latent != skip) {
                latent.close();
            }
            latent = next;
        }
        return new NDList(latent, skip);
    }
}
