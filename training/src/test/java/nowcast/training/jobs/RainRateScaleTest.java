package nowcast.training.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
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

    @Test
    void refusesAModelThatIsNotOnADbzScale() {
        assertThatThrownBy(() -> RainRateScale.of(Normalisation.defaultFor(Quantity.RAIN_RATE)))
                .hasMessageContaining("dBZ scale").hasMessageContaining("log1p");
    }
}
