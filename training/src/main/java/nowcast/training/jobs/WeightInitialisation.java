package nowcast.training.jobs;

import java.util.Map;
import java.util.Random;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import nowcast.model.gs2pm.Gs2pmNetwork;

/**
 * The official from-scratch override (GS2PM.md section 11, {@code ini_mode='xavier'}): every
 * Conv2d and Linear weight becomes Xavier/Glorot normal with
 * {@code std = sqrt(2 / (fan_in + fan_out))}, every such bias 0; norms, layer-scale gammas and the
 * prompt keep their construction values.
 */
public final class WeightInitialisation {

    private WeightInitialisation() {
    }

    public static void xavier(Gs2pmNetwork network, long seed) {
        Random random = new Random(seed);
        Map<String, Parameter> params = network.stateDictParameters();
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            String name = e.getKey();
            if (name.startsWith("prompt.") || !name.endsWith(".weight")) {
                continue;
            }
            Shape s = e.getValue().getShape();
            if (s.dimension() != 2 && s.dimension() != 4) {
                continue;
            }
            long receptive = s.dimension() == 4 ? s.get(2) * s.get(3) : 1;
            double fanIn = s.get(1) * receptive;
            double fanOut = s.get(0) * receptive;
            double std = Math.sqrt(2.0 / (fanIn + fanOut));
            float[] w = new float[Math.toIntExact(s.size())];
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) (std * random.nextGaussian());
            }
            e.getValue().getArray().set(w);
            Parameter bias = params.get(name.substring(0, name.length() - "weight".length()) + "bias");
            if (bias != null) {
                bias.getArray().set(new float[Math.toIntExact(bias.getShape().size())]);
            }
        }
    }
}
