package nowcast.model.gs2pm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.nio.file.Path;
import java.util.List;

import nowcast.frame.Quantity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RainRateAsDbzTest {

    private final Normalisation rain = Normalisation.rainRateAsDbz(0, 70);
    private final Normalisation dbz = new Normalisation(Quantity.REFLECTIVITY, "linear", 0, 70);

    @Test
    void aRainRateAndTheReflectivityItImpliesLandOnTheSameModelValue() {
        // Marshall-Palmer: 1 mm/h <-> 10 log10(200) = 23.01 dBZ; 10 mm/h <-> 39.01 dBZ
        assertThat(rain.toModel(1f)).isCloseTo(dbz.toModel(23.0103f), offset(1e-5f));
        assertThat(rain.toModel(10f)).isCloseTo(dbz.toModel(39.0103f), offset(1e-5f));
        assertThat(rain.toModel(0f)).isZero();
        assertThat(rain.toModel(Float.NaN)).isZero();
        assertThat(rain.toModel(1e6f)).isEqualTo(1f);
    }

    @Test
    void theInverseGivesBackTheRateAndNoRainAtTheBottom() {
        for (float r : new float[] {0.2f, 1f, 5f, 42f}) {
            assertThat(rain.toPhysical(rain.toModel(r))).isCloseTo(r, offset(r * 1e-4f));
        }
        assertThat(rain.toPhysical(0f)).isZero();
        assertThat(rain.toPhysical(-0.3f)).isZero();
    }

    @Test
    void onlyRainRateMayUseIt() {
        assertThatThrownBy(() -> new Normalisation(Quantity.REFLECTIVITY, "rain-rate-dbz", 0, 70))
                .hasMessageContaining("RAIN_RATE");
    }

    @Test
    void anArtifactCarriesRulesForFurtherQuantities(@TempDir Path dir) throws Exception {
        Gs2pmConfig small = Gs2pmConfig.builder().hidS(4).hidT(16).nS(4).nT(2).frames(2).build();
        try (Gs2pmModel model = Gs2pmModel.randomlyInitialised(small, 1)) {
            Gs2pmArtifact.write(dir, model, Gs2pmArtifact.Config.of(small, "t", "radar", rain, null, List.of(dbz)));
        }
        Gs2pmArtifact back = Gs2pmArtifact.open(dir);
        assertThat(back.config().normalisationFor(Quantity.RAIN_RATE)).contains(rain);
        assertThat(back.config().normalisationFor(Quantity.REFLECTIVITY)).contains(dbz);
        assertThat(back.config().normalisationFor(Quantity.VIL)).isEmpty();
        assertThat(back.config().quantities()).containsExactly(Quantity.RAIN_RATE, Quantity.REFLECTIVITY);
    }
}
