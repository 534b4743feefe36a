package nowcast.model.conditioned;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.djl.nn.Parameter;
import nowcast.frame.PhysicalField;
import nowcast.frame.Quantity;
import nowcast.model.InputWindow;
import nowcast.model.Nowcaster;
import nowcast.model.NowcasterOptions;
import nowcast.model.Nowcasters;
import nowcast.model.extrapolation.ExtrapolationNowcaster;
import nowcast.model.gs2pm.Gs2pmArtifact;
import nowcast.model.gs2pm.Gs2pmConfig;
import nowcast.model.gs2pm.Gs2pmModel;
import nowcast.model.gs2pm.Gs2pmNowcaster;
import nowcast.model.gs2pm.Normalisation;

class AdvectionConditionedNowcasterTest {

    private static final Gs2pmConfig CONFIG = Gs2pmConfig.builder().hidS(8).hidT(16).nS(4).nT(3).frames(10)
            .mode(Gs2pmConfig.Mode.ADVECTION_CONDITIONED).build();
    private static final Normalisation RAIN = Normalisation.rainRateAsDbz(0, 70);
    private static final Normalisation DBZ = new Normalisation(Quantity.REFLECTIVITY, "linear", 0, 70);

    /** Cells moving by (1.5, -2) pixels per frame and growing; some pixels without data; dBZ fields have -32 dBZ "no echo". */
    static InputWindow movingStorm(Quantity quantity) {
        List<PhysicalField> frames = new ArrayList<>();
        for (int t = 0; t < 10; t++) {
            float[] v = new float[128 * 128];
            for (int r = 0; r < 128; r++) {
                for (int c = 0; c < 128; c++) {
                    double sum = 0;
                    double[][] cells = {{40, 60, 20}, {70, 100, 8}, {95, 70, 35}};
                    for (double[] cell : cells) {
                        double dr = r - (cell[0] + 1.5 * t);
                        double dc = c - (cell[1] - 2.0 * t);
                        sum += cell[2] * (1 + 0.05 * t) * Math.exp(-(dr * dr + dc * dc) / (2 * 8 * 8));
                    }
                    v[r * 128 + c] = quantity == Quantity.REFLECTIVITY
                            ? (sum < 0.1 ? -32f : (float) (10 * Math.log10(200 * Math.pow(sum, 1.6))))
                            : (float) sum;
                }
            }
            for (int c = 0; c < 128; c++) {
                v[c] = Float.NaN; // a row without data at the northern edge
            }
            frames.add(PhysicalField.single(quantity, 128, 128, v));
        }
        return new InputWindow("storm", frames, Duration.ofMinutes(5));
    }

    private static Path artifact(Path dir, float readoutBias) throws IOException {
        try (Gs2pmModel model = Gs2pmModel.randomlyInitialised(CONFIG, 3)) {
            if (readoutBias != 0f) {
                Parameter bias = model.network().stateDictParameters().get("dec.readout.bias");
                bias.getArray().set(new float[] {readoutBias, readoutBias, readoutBias});
            }
            Gs2pmArtifact.write(dir, model, Gs2pmArtifact.Config.of(CONFIG, "test", "radar", RAIN,
                    new Gs2pmArtifact.Provenance("test", "2026-12-06", null), List.of(DBZ)));
        }
        return dir;
    }

    @Test
    void anUntrainedNetworkForecastsExactlyTheExtrapolation(@TempDir Path tmp) throws IOException {
        Path dir = artifact(tmp.resolve("zero"), 0f);
        try (Nowcaster gs2pm = Nowcasters.byName("gs2pm", NowcasterOptions.ofArtifact(dir))) {
            assertThat(gs2pm).isInstanceOf(AdvectionConditionedNowcaster.class);
            for (Quantity q : List.of(Quantity.RAIN_RATE, Quantity.REFLECTIVITY)) {
                InputWindow window = movingStorm(q);
                List<PhysicalField> expected = new ExtrapolationNowcaster().predict(List.of(window)).get(0);
                List<PhysicalField> actual = gs2pm.predict(List.of(window, window)).get(1);
                assertThat(actual).hasSize(10);
                for (int k = 0; k < 10; k++) {
                    // bit for bit, NaN where the extrapolation has no data, -32 dBZ kept as -32 dBZ
                    assertThat(actual.get(k).values()).as(q + " lead " + (k + 1)).containsExactly(expected.get(k).values());
                }
            }
        }
    }

    @Test
    void aNonZeroCorrectionIsAddedToTheExtrapolationOnTheNetworkScale(@TempDir Path tmp) throws IOException {
        float bias = 0.1f;
        Path dir = artifact(tmp.resolve("biased"), bias);
        InputWindow window = movingStorm(Quantity.RAIN_RATE);
        List<PhysicalField> extrapolated = new ExtrapolationNowcaster().predict(List.of(window)).get(0);
        try (Nowcaster gs2pm = Nowcasters.byName("gs2pm", NowcasterOptions.ofArtifact(dir))) {
            List<PhysicalField> forecast = gs2pm.predict(List.of(window)).get(0);
            // with a zero readout weight and a bias b on each channel, the correction is b everywhere
            for (int k : new int[] {0, 9}) {
                float[] e = extrapolated.get(k).values();
                float[] f = forecast.get(k).values();
                for (int p : new int[] {128 * 60 + 60, 128 * 100 + 30, 128 * 127 + 127}) {
                    assertThat(f[p]).isEqualTo(RAIN.toPhysical(RAIN.toModel(e[p]) + bias));
                    assertThat(f[p]).isGreaterThan(e[p]);
                }
                assertThat(f[5]).as("no data stays no data").isNaN();
            }
        }
    }

    @Test
    void theInputsAreTheExtrapolationTheLagrangianAndTheObservedFrames() {
        InputWindow window = movingStorm(Quantity.RAIN_RATE);
        ExtrapolationNowcaster extrapolation = new ExtrapolationNowcaster();
        AdvectionConditioning.Conditioned c = new AdvectionConditioning(extrapolation).prepare(window, RAIN);
        List<PhysicalField> expected = extrapolation.predict(List.of(window)).get(0);
        int plane = 128 * 128;
        assertThat(c.input()).hasSize(10 * 3 * plane);
        for (int t = 0; t < 10; t++) {
            for (int p = 0; p < plane; p += 97) {
                assertThat(c.base()[t * plane + p]).isEqualTo(RAIN.toModel(expected.get(t).values()[p]));
                assertThat(c.input()[(t * 3) * plane + p]).isEqualTo(c.base()[t * plane + p]);
                assertThat(c.input()[(t * 3 + 2) * plane + p]).isEqualTo(RAIN.toModel(window.frames().get(t).values()[p]));
            }
        }
        // moved to the time of the last frame, the oldest frame lies over the last one (up to the storm's growth)
        float[] lagrangianOldest = slice(c.input(), 1, plane);
        float[] lastObserved = slice(c.input(), 9 * 3 + 2, plane);
        float[] oldestObserved = slice(c.input(), 2, plane);
        assertThat(meanAbsDifference(lagrangianOldest, lastObserved)).isLessThan(meanAbsDifference(oldestObserved, lastObserved) / 3);
        assertThat(slice(c.input(), 9 * 3 + 1, plane)).containsExactly(lastObserved);
    }

    @Test
    void theArtifactNamesItsModeAndTheOfficialPipelineRefusesIt(@TempDir Path tmp) throws IOException {
        Path dir = artifact(tmp.resolve("a"), 0f);
        String json = Files.readString(dir.resolve(Gs2pmArtifact.CONFIG_FILE));
        assertThat(json).contains("\"mode\" : \"advection-conditioned\"").contains("\"output\" : \"correction-over-extrapolation\"")
                .contains("\"flow_levels\" : 4");
        Gs2pmArtifact artifact = Gs2pmArtifact.open(dir);
        assertThat(artifact.config().network().mode()).isEqualTo(Gs2pmConfig.Mode.ADVECTION_CONDITIONED);
        assertThatThrownBy(() -> new Gs2pmNowcaster(artifact, 8)).hasMessageContaining("advection-conditioned");

        Files.writeString(dir.resolve(Gs2pmArtifact.CONFIG_FILE), json.replaceAll("(?s)\"extrapolation\" : \\{.*?\\},", ""));
        assertThatThrownBy(() -> Gs2pmArtifact.open(dir)).hasMessageContaining("has no 'extrapolation'");
    }

    @Test
    void rejectsCameraImages(@TempDir Path tmp) throws IOException {
        Path dir = artifact(tmp.resolve("a"), 0f);
        List<PhysicalField> frames = new ArrayList<>();
        for (int t = 0; t < 10; t++) {
            frames.add(new PhysicalField(Quantity.RAIN_RATE, 128, 128, 3, new float[128 * 128 * 3]));
        }
        try (Nowcaster gs2pm = Nowcasters.byName("gs2pm", NowcasterOptions.ofArtifact(dir))) {
            assertThatThrownBy(() -> gs2pm.predict(List.of(new InputWindow("cam", frames, Duration.ofMinutes(5)))))
                    .hasMessageContaining("window 0 (source cam) has 3 channels");
        }
    }

    private static float[] slice(float[] a, int index, int plane) {
        float[] out = new float[plane];
        System.arraycopy(a, index * plane, out, 0, plane);
        return out;
    }

    private static double meanAbsDifference(float[] a, float[] b) {
        double sum = 0;
        for (int i = 128; i < a.length; i++) {
            sum += Math.abs(a[i] - b[i]);
        }
        return sum / a.length;
    }

}
