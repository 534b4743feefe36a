package nowcast.model.gs2pm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import nowcast.frame.PhysicalField;
import nowcast.frame.Quantity;
import nowcast.model.InputWindow;
import nowcast.model.Nowcaster;
import nowcast.model.NowcasterOptions;
import nowcast.model.Nowcasters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Gs2pmNowcasterTest {

    @TempDir
    Path tmp;

    @Test
    void predictsTenFramesPerWindowInTheInputsUnitsAndRange() throws Exception {
        SmallArtifacts.write(tmp, Quantity.RAIN_RATE, 11);
        try (Nowcaster n = Nowcasters.byName("gs2pm", NowcasterOptions.ofArtifact(tmp).withSetting("batch", "2"))) {
            List<InputWindow> windows = List.of(
                    SmallArtifacts.window("a", Quantity.RAIN_RATE, 1, 1),
                    SmallArtifacts.window("b", Quantity.RAIN_RATE, 1, 2),
                    SmallArtifacts.window("c", Quantity.RAIN_RATE, 1, 3));
            List<List<PhysicalField>> out = n.predict(windows);
            assertThat(out).hasSize(3);
            for (List<PhysicalField> frames : out) {
                assertThat(frames).hasSize(10);
                for (PhysicalField f : frames) {
                    assertThat(f.quantity()).isEqualTo(Quantity.RAIN_RATE);
                    assertThat(f.rows()).isEqualTo(128);
                    assertThat(f.channels()).isEqualTo(1);
                    for (float v : f.values()) {
                        assertThat(v).isBetween(0f, 100f);
                    }
                }
            }
            // batching (chunks of 2) does not change a window's result
            List<List<PhysicalField>> alone = n.predict(List.of(windows.get(2)));
            assertThat(maxDiff(alone.get(0), out.get(2))).isLessThan(1e-4);
            assertThat(maxDiff(out.get(0), out.get(1))).isGreaterThan(0);
            assertThat(n.identity().name()).isEqualTo("gs2pm");
            assertThat(n.identity().artifactHash()).hasSize(64);
        }
    }

    @Test
    void probabilityMatchingGivesEveryLeadTheLastObservationsValuesAndIsRecordedInTheArtifact() throws Exception {
        Gs2pmArtifact written = SmallArtifacts.write(tmp, Quantity.RAIN_RATE, 13);
        InputWindow window = SmallArtifacts.window("a", Quantity.RAIN_RATE, 1, 4);
        float[] observed = window.last().values().clone();
        float[] expected = java.util.Arrays.copyOf(observed, observed.length);
        int valid = 0;
        for (float v : observed) {
            if (!Float.isNaN(v)) {
                expected[valid++] = v;
            }
        }
        expected = java.util.Arrays.copyOf(expected, valid);
        java.util.Arrays.sort(expected);
        try (Nowcaster n = Nowcasters.byName("gs2pm", NowcasterOptions.ofArtifact(tmp).withSetting("postprocess", "probability-matching"))) {
            for (PhysicalField f : n.predict(List.of(window)).get(0)) {
                float[] sorted = f.values().clone();
                java.util.Arrays.sort(sorted);
                // 16384 pixels take the quantiles of the 16383 valid observed values
                assertThat(sorted[0]).isEqualTo(expected[0]);
                assertThat(sorted[sorted.length - 1]).isEqualTo(expected[expected.length - 1]);
                assertThat(sorted[sorted.length / 2]).isEqualTo(expected[(int) ((sorted.length / 2 + 0.5) * valid / sorted.length)]);
            }
        }
        // the artifact can ask for it; the nowcaster then applies it without a setting
        java.nio.file.Path cfg = tmp.resolve(Gs2pmArtifact.CONFIG_FILE);
        String json = java.nio.file.Files.readString(cfg);
        java.nio.file.Files.writeString(cfg, json.replace("\"product\"", "\"postprocess\" : \"probability-matching\",\n  \"product\""));
        assertThat(Gs2pmArtifact.open(tmp).config().postprocess()).isEqualTo("probability-matching");
        java.nio.file.Files.writeString(cfg, json.replace("\"product\"", "\"postprocess\" : \"sharpen\",\n  \"product\""));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Gs2pmArtifact.open(tmp)).hasMessageContaining("postprocess is 'sharpen'");
        assertThat(written.config().postprocess()).isNull();
    }

    @Test
    void threeChannelCameraFramesPassThroughAsRgb() throws Exception {
        SmallArtifacts.write(tmp, Quantity.VISIBLE, 12);
        try (Nowcaster n = Nowcasters.byName("gs2pm", NowcasterOptions.ofArtifact(tmp))) {
            PhysicalField f = n.predict(List.of(SmallArtifacts.window("cam", Quantity.VISIBLE, 3, 4))).get(0).get(9);
            assertThat(f.channels()).isEqualTo(3);
            assertThat(f.quantity()).isEqualTo(Quantity.VISIBLE);
            boolean channelsDiffer = false;
            for (int p = 0; p < 128 * 128 && !channelsDiffer; p++) {
                channelsDiffer = f.values()[p * 3] != f.values()[p * 3 + 1];
            }
            assertThat(channelsDiffer).isTrue();
        }
    }

    @Test
    void severalThreadsShareOneLoadedModel() throws Exception {
        SmallArtifacts.write(tmp, Quantity.RAIN_RATE, 13);
        try (Gs2pmNowcaster n = new Gs2pmNowcaster(Gs2pmArtifact.open(tmp), 4)) {
            List<InputWindow> windows = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                windows.add(SmallArtifacts.window("s" + i, Quantity.RAIN_RATE, 1, 20 + i));
            }
            List<List<PhysicalField>> reference = new ArrayList<>();
            for (InputWindow w : windows) {
                reference.add(n.predict(List.of(w)).get(0));
            }
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<List<PhysicalField>>> futures = new ArrayList<>();
                for (int round = 0; round < 2; round++) {
                    for (InputWindow w : windows) {
                        futures.add(pool.submit(() -> n.predict(List.of(w)).get(0)));
                    }
                }
                for (int i = 0; i < futures.size(); i++) {
                    assertThat(maxDiff(futures.get(i).get(), reference.get(i % 4))).isLessThan(1e-5);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void repeatedPredictionsLeaveNoArraysBehindInTheModel() throws Exception {
        try (Gs2pmModel model = Gs2pmModel.randomlyInitialised(SmallArtifacts.CONFIG, 15)) {
            float[] x = new float[(int) model.network().inputShape(1).size()];
            model.predict(x, 1);
            int after1 = model.djlModel().getNDManager().getManagedArrays().size();
            for (int i = 0; i < 3; i++) {
                model.predict(x, 1);
            }
            assertThat(model.djlModel().getNDManager().getManagedArrays()).hasSize(after1);
        }
    }

    @Test
    void wrongWindowsAreRejectedNamingTheWindow() throws Exception {
        SmallArtifacts.write(tmp, Quantity.RAIN_RATE, 14);
        try (Nowcaster n = Nowcasters.byName("gs2pm", NowcasterOptions.ofArtifact(tmp))) {
            InputWindow dbz = SmallArtifacts.window("radar", Quantity.REFLECTIVITY, 1, 1);
            assertThatThrownBy(() -> n.predict(List.of(SmallArtifacts.window("ok", Quantity.RAIN_RATE, 1, 1), dbz)))
                    .hasMessageContaining("window 1 (source radar)").hasMessageContaining("REFLECTIVITY").hasMessageContaining("mm/h");
            InputWindow small = new InputWindow("tiny-grid", List.of(PhysicalField.single(Quantity.RAIN_RATE, 64, 64, new float[64 * 64])),
                    java.time.Duration.ofMinutes(5));
            assertThatThrownBy(() -> n.predict(List.of(small))).hasMessageContaining("1 frames; GS2PM needs 10");
        }
        assertThatThrownBy(() -> Nowcasters.byName("gs2pm", NowcasterOptions.defaults())).hasMessageContaining("artifact");
    }

    private static double maxDiff(List<PhysicalField> a, List<PhysicalField> b) {
        double max = 0;
        for (int t = 0; t < a.size(); t++) {
            float[] x = a.get(t).values();
            float[] y = b.get(t).values();
            for (int i = 0; i < x.length; i++) {
                max = Math.max(max, Math.abs(x[i] - y[i]));
            }
        }
        return max;
    }
}
