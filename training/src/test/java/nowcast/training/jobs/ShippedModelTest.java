package nowcast.training.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import nowcast.frame.PhysicalField;
import nowcast.frame.Quantity;
import nowcast.model.InputWindow;
import nowcast.model.Nowcaster;
import nowcast.model.NowcasterOptions;
import nowcast.model.Nowcasters;
import nowcast.model.gs2pm.Gs2pmArtifact;
import nowcast.training.data.SyntheticStormWindows;
import org.junit.jupiter.api.Test;

/** The artifact committed under models/gs2pm-default loads as the gs2pm nowcaster and reads both mm/h and dBZ. */
class ShippedModelTest {

    /** Tests run in the module folder; the artifact lives at the repository root. */
    private static final Path SHIPPED = Path.of("").toAbsolutePath().getParent().resolve("models/gs2pm-default");

    @Test
    void theShippedArtifactForecastsRainRateAndReflectivityWindows() throws Exception {
        Path dir = SHIPPED;
        assertThat(dir.resolve(Gs2pmArtifact.CONFIG_FILE)).exists();
        assertThat(Files.size(dir.resolve(Gs2pmArtifact.WEIGHTS_FILE))).isLessThan(25L * 1024 * 1024);
        Gs2pmArtifact artifact = Gs2pmArtifact.open(dir);
        assertThat(artifact.config().quantities()).contains(Quantity.RAIN_RATE, Quantity.REFLECTIVITY);
        // the shipped network corrects the extrapolation (docs/model.md, "The advection-conditioned GS2PM")
        assertThat(artifact.config().network().advectionConditioned()).isTrue();
        float[][] storm = new SyntheticStormWindows(1, 10, 128, 3).window(0);
        List<PhysicalField> rain = new ArrayList<>();
        List<PhysicalField> dbz = new ArrayList<>();
        var rateRule = artifact.config().normalisationFor(Quantity.RAIN_RATE).orElseThrow();
        var dbzRule = artifact.config().normalisationFor(Quantity.REFLECTIVITY).orElseThrow();
        for (float[] rate : storm) {
            float[] r = new float[rate.length];
            float[] z = new float[rate.length];
            for (int i = 0; i < rate.length; i++) {
                float f = rateRule.toModel(rate[i]);
                r[i] = rateRule.toPhysical(f);
                z[i] = dbzRule.toPhysical(f);
            }
            rain.add(PhysicalField.single(Quantity.RAIN_RATE, 128, 128, r));
            dbz.add(PhysicalField.single(Quantity.REFLECTIVITY, 128, 128, z));
        }
        try (Nowcaster n = Nowcasters.byName("gs2pm", NowcasterOptions.ofArtifact(dir))) {
            List<List<PhysicalField>> out = n.predict(List.of(new InputWindow("rain", rain, Duration.ofMinutes(5)),
                    new InputWindow("dbz", dbz, Duration.ofMinutes(5))));
            assertThat(out).hasSize(2);
            assertThat(out.get(0)).hasSize(10).allSatisfy(f -> assertThat(f.quantity()).isEqualTo(Quantity.RAIN_RATE));
            assertThat(out.get(1)).hasSize(10).allSatisfy(f -> assertThat(f.quantity()).isEqualTo(Quantity.REFLECTIVITY));
            // both products share one model scale: the same storm gives the same forecast, in each unit, up to
            // the extrapolation under the correction, which interpolates in the window's own unit (linear in
            // mm/h for one, in dBZ for the other), which parts them at the rain's edges: close on average
            float[] r = out.get(0).get(0).values();
            float[] z = out.get(1).get(0).values();
            double maxRain = 0;
            double sumDiff = 0;
            for (int i = 0; i < r.length; i++) {
                assertThat(Float.isFinite(r[i]) && Float.isFinite(z[i])).isTrue();
                sumDiff += Math.abs(rateRule.toModel(r[i]) - dbzRule.toModel(z[i]));
                maxRain = Math.max(maxRain, r[i]);
            }
            assertThat(sumDiff / r.length).as("mean difference of the two units' forecasts on the model scale")
                    .isLessThan(0.005);
            assertThat(maxRain).as("a storm in gives rain out").isGreaterThan(0.1);
        }
    }
}
