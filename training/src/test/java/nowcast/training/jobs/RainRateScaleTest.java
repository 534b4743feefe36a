package nowcast.training.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import nowcast.frame.Quantity;
import nowcast.model.gs2pm.Normalisation;
import org.junit.jupiter.api.Test;

class RainRateScaleTest {

    @Test
    void agreesWithTheArtifactsInverseNormalisationOnTheProtocolScale() {
        Normalisation rule = Normalisation.rainRateAsDbz(0, 70);
        float[] model = {-0.2f, 0f, 0.1f, 0.33f, 0.5f, 0.7f, 0.8f, 1.2f};
        try (NDManager m = NDManager.newBaseManager()) {
            float[] rate = RainRateScale.of(rule).of(m.create(model)).toFloatArray();
            for (int i = 0; i < model.length; i++) {
                double expected = Math.min(1.0, rule.toPhysical(Math.min(model[i], 1f)) / 100.0);
                assertThat((double) rate[i]).as("model value %s", model[i]).isCloseTo(expected, within(1e-5 + 1e-4 * expected));
            }
        }
    }

    /** Its constants must survive in the graph: a collection before backward may not change the gradient. */
    @Test
    void theGradientDoesNotDependOnAGarbageCollectionBeforeBackward() throws InterruptedException {
        float[] quiet = gradient(false);
        float[] collected = gradient(true);
        assertThat(quiet[3]).as("d rate / d model at 0.33").isGreaterThan(0f);
        assertThat(Arrays.equals(quiet, collected)).as(Arrays.toString(quiet) + " vs " + Arrays.toString(collected)).isTrue();
    }

    private static float[] gradient(boolean collect) throws InterruptedException {
        RainRateScale scale = RainRateScale.of(Normalisation.rainRateAsDbz(0, 70));
        List<ByteBuffer> filler = new ArrayList<>();
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[] {-0.2f, 0f, 0.1f, 0.33f, 0.5f, 0.7f, 0.8f, 1.2f});
            x.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray total = scale.of(x).sum();
                if (collect) {
                    // freed native memory is refilled with NaN, so a read of it shows
                    System.gc();
                    Thread.sleep(100);
                    for (int i = 0; i < 20_000; i++) {
                        filler.add(ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder()).putFloat(0, Float.NaN));
                    }
                }
                gc.backward(total);
            }
            assertThat(filler).hasSize(collect ? 20_000 : 0);
            return x.getGradient().toFloatArray();
        }
    }

    @Test
    void refusesAModelThatIsNotOnADbzScale() {
        assertThatThrownBy(() -> RainRateScale.of(Normalisation.defaultFor(Quantity.RAIN_RATE)))
                .hasMessageContaining("dBZ scale").hasMessageContaining("log1p");
    }
}
