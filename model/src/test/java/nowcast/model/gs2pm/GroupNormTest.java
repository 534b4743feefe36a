package nowcast.model.gs2pm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

/** GroupNorm against a double-precision reference of torch.nn.GroupNorm, also where the mean dwarfs the spread. */
class GroupNormTest {

    private static final int N = 3;
    private static final int C = 8;
    private static final int H = 5;
    private static final int W = 7;
    private static final int GROUPS = 2;

    @Test
    void matchesTheDefinitionOnOrdinaryValues() {
        assertMatchesReference(0.0, 1.0, 1e-5);
    }

    @Test
    void staysAccurateWhenTheMeanDwarfsTheSpread() {
        // E[x^2] - E[x]^2 in float would cancel completely here (1e6 against a variance of 1e-2)
        assertMatchesReference(1000.0, 0.1, 3e-3);
    }

    private static void assertMatchesReference(double offset, double spread, double tolerance) {
        Random r = new Random(11);
        float[] x = new float[N * C * H * W];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (offset + spread * r.nextGaussian() + 0.5 * spread * (i % 3));
        }
        float[] weight = new float[C];
        float[] bias = new float[C];
        for (int c = 0; c < C; c++) {
            weight[c] = 0.5f + 0.25f * c;
            bias[c] = 0.1f * c - 0.3f;
        }
        try (NDManager m = NDManager.newBaseManager()) {
            GroupNorm norm = new GroupNorm(GROUPS, C);
            norm.initialize(m, DataType.FLOAT32, new Shape(N, C, H, W));
            norm.getParameters().get("weight").getArray().set(weight);
            norm.getParameters().get("bias").getArray().set(bias);
            NDArray input = ChannelsLast.of(m.create(x, new Shape(N, C, H, W)));
            float[] y = norm.apply(new ParameterStore(m, false), input, false).toFloatArray();
            double[] expected = reference(x, weight, bias);
            double worst = 0;
            for (int i = 0; i < y.length; i++) {
                worst = Math.max(worst, Math.abs(y[i] - expected[i]));
            }
            assertThat(worst).as("max |GroupNorm - reference|").isLessThan(tolerance);
        }
    }

    /** torch.nn.GroupNorm on NCHW data, in doubles with the two-pass variance. */
    private static double[] reference(float[] x, float[] weight, float[] bias) {
        double[] y = new double[x.length];
        int perGroup = C / GROUPS;
        int plane = H * W;
        for (int n = 0; n < N; n++) {
            for (int g = 0; g < GROUPS; g++) {
                int from = (n * C + g * perGroup) * plane;
                int to = from + perGroup * plane;
                double mean = 0;
                for (int i = from; i < to; i++) {
                    mean += x[i];
                }
                mean /= to - from;
                double var = 0;
                for (int i = from; i < to; i++) {
                    var += (x[i] - mean) * (x[i] - mean);
                }
                var /= to - from;
                for (int i = from; i < to; i++) {
                    int c = (i / plane) % C;
                    y[i] = (x[i] - mean) / Math.sqrt(var + 1e-5) * weight[c] + bias[c];
                }
            }
        }
        return y;
    }
}
