package nowcast.model.gs2pm;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.UniformInitializer;
import ai.djl.util.PairList;

/**
 * docs/spec/gs2pm.md section 5: N_S ConvSC layers ({@code dec.{i}}), upsampling on even layers; the encoder
 * skip is added before the last layer; then the 1x1 {@code readout} to C channels. Inputs: the
 * hidden tensor and the skip.
 */
final class Decoder extends TorchBlock {

    private final List<ConvSC> layers = new ArrayList<>();
    private final Conv2dLayer readout;

    Decoder(int hidS, int channels, int nS) {
        for (int i = 0; i < nS; i++) {
            layers.add(child("dec." + i, new ConvSC(hidS, hidS, false, i % 2 == 0)));
        }
        // PyTorch's default Conv2d init (kaiming_uniform a=sqrt(5)): U(-1/sqrt(fan_in), 1/sqrt(fan_in))
        float bound = (float) (1 / Math.sqrt(hidS));
        this.readout = child("readout", new Conv2dLayer(hidS, channels, 1, 1, 0, 1, new UniformInitializer(bound), new UniformInitializer(bound)));
    }

    NDArray decode(ParameterStore ps, NDArray hidden, NDArray skip, boolean training, BiConsumer<String, NDArray> stages) {
        NDArray hid = hidden;
        for (int i = 0; i < layers.size() - 1; i++) {
            NDArray next = layers.get(i).apply(ps, hid, training);
            if (hid != hidden) {
                hid.close();
            }
            hid = next;
            if (stages != null) {
                stages.accept("dec." + i, hid);
            }
        }
        // the decoder holds the largest tensors, so each is freed as soon as it is consumed
        NDArray sum = hid.add(skip);
        hid.close();
        NDArray y = layers.get(layers.size() - 1).apply(ps, sum, training);
        sum.close();
        NDArray out = readout.apply(ps, y, training);
        y.close();
        return out;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(decode(ps, inputs.get(0), inputs.get(1), training, null));
    }
}
