package nowcast.model.gs2pm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;

/**
 * The visual prompt of docs/spec/gs2pm.md section 3: a learned 32-pixel border ({@code pad_up},
 * {@code pad_down}, {@code pad_left}, {@code pad_right}) around a zero centre, added to every
 * frame. Unlike the official code, the zero centre takes the input's dtype.
 */
public final class PadPrompter extends TorchBlock {

    static final int PAD = 32;

    private final Parameter up;
    private final Parameter down;
    private final Parameter left;
    private final Parameter right;
    private final int channels;
    private final int image;

    PadPrompter(int channels, int image) {
        this.channels = channels;
        this.image = image;
        int base = image - 2 * PAD;
        NormalInitializer randn = new NormalInitializer(1f);
        this.up = parameter("pad_up", Parameter.Type.OTHER, new Shape(1, channels, PAD, image), randn);
        this.down = parameter("pad_down", Parameter.Type.OTHER, new Shape(1, channels, PAD, image), randn);
        this.left = parameter("pad_left", Parameter.Type.OTHER, new Shape(1, channels, base, PAD), randn);
        this.right = parameter("pad_right", Parameter.Type.OTHER, new Shape(1, channels, base, PAD), randn);
    }

    NDArray prompt(ParameterStore ps, NDArray like, boolean training) {
        int base = image - 2 * PAD;
        NDArray centre = like.getManager().zeros(new Shape(1, channels, base, base), like.getDataType(), like.getDevice());
        NDArray middle = local(NDArrays.concat(new NDList(value(ps, left, like, training), centre, value(ps, right, like, training)), 3), like);
        return local(NDArrays.concat(new NDList(value(ps, up, like, training), middle, value(ps, down, like, training)), 2), like);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        return new NDList(x.add(ChannelsLast.of(prompt(ps, x, training))));
    }
}
