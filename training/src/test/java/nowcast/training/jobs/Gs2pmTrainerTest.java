package nowcast.training.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import nowcast.model.gs2pm.Gs2pmConfig;
import nowcast.model.gs2pm.Gs2pmModel;
import nowcast.model.gs2pm.Gs2pmArtifact;
import nowcast.frame.Quantity;
import nowcast.training.data.FieldScaler;
import nowcast.training.data.SyntheticStormWindows;
import nowcast.training.data.WindowBatches;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Gs2pmTrainerTest {

    /** Small enough for a step in well under a second: 2 frames, hid_S 4, a 32x32 latent and no SABlock. */
    private static final Gs2pmConfig TINY = Gs2pmConfig.builder().hidS(4).hidT(16).nS(4).nT(2).frames(2).build();
    private static final FieldScaler SCALING = FieldScaler.radarDefault();

    @TempDir
    Path dir;

    private static WindowBatches batches(int windows, long seed) {
        return new WindowBatches(List.of(new SyntheticStormWindows(windows, 4, 128, seed, SCALING)), 2, 2, 2, 3, seed, true, true);
    }

    private TrainingSettings settings(TrainingMode mode, long steps, float lr, boolean bn, Path out) {
        return new TrainingSettings(mode, lr, steps, 1f, 0, 0, 1, 7, bn, 0f, out);
    }

    private static Gs2pmModel fresh() {
        Gs2pmModel m = Gs2pmModel.randomlyInitialised(TINY, 3);
        m.network().applyXavierInitialisation(3);
        return m;
    }

    @Test
    void aFewPretrainingStepsLowerTheLossOnTheSameBatch() throws Exception {
        try (Gs2pmModel model = fresh()) {
            WindowBatches data = new WindowBatches(List.of(new SyntheticStormWindows(2, 4, 128, 5, SCALING)), 2, 2, 2, 3, 5, false, false);
            Gs2pmTrainer trainer = new Gs2pmTrainer(model, SCALING, settings(TrainingMode.PRETRAIN, 12, 3e-3f, true, dir), data, null, null);
            double first = trainer.trainStep(data.batch(0));
            double last = first;
            for (int i = 0; i < 11; i++) {
                last = trainer.trainStep(data.batch(0));
            }
            trainer.close();
            assertThat(last).isLessThan(first * 0.8);
        }
    }

    @Test
    void promptTuningChangesOnlyThePromptAndKeepsBatchNormStatisticsUnlessAsked() throws Exception {
        for (boolean drift : new boolean[] {false, true}) {
            try (Gs2pmModel model = fresh()) {
                Map<String, float[]> before = Gs2pmTrainer.snapshot(model.network());
                Gs2pmTrainer trainer = new Gs2pmTrainer(model, SCALING, settings(TrainingMode.PROMPT, 2, 1e-2f, drift, dir.resolve("p" + drift)),
                        batches(4, 9), null, null);
                assertThat(trainer.trainableNames()).containsExactlyInAnyOrder("prompt.pad_up", "prompt.pad_down", "prompt.pad_left",
                        "prompt.pad_right");
                trainer.trainStep(batches(4, 9).batch(0));
                trainer.trainStep(batches(4, 9).batch(1));
                trainer.close();
                Map<String, float[]> after = Gs2pmTrainer.snapshot(model.network());
                for (String name : before.keySet()) {
                    boolean changed = !java.util.Arrays.equals(before.get(name), after.get(name));
                    boolean bnBuffer = name.endsWith("running_mean") || name.endsWith("running_var") || name.endsWith("num_batches_tracked");
                    if (name.startsWith("prompt.")) {
                        assertThat(changed).as(name).isTrue();
                    } else if (bnBuffer) {
                        assertThat(changed).as(name + " with drift=" + drift).isEqualTo(drift);
                    } else {
                        assertThat(changed).as(name).isFalse();
                    }
                }
            }
        }
    }

    @Test
    void aResumedRunEndsInTheSameStateAsAnUninterruptedOne() throws Exception {
        Map<String, float[]> straight;
        try (Gs2pmModel model = fresh()) {
            Gs2pmTrainer t = new Gs2pmTrainer(model, SCALING, settings(TrainingMode.PRETRAIN, 4, 1e-3f, true, dir.resolve("a")), batches(6, 1), null, null);
            t.run();
            t.close();
            straight = Gs2pmTrainer.snapshot(model.network());
        }
        Path checkpoint;
        try (Gs2pmModel model = fresh()) {
            Gs2pmTrainer t = new Gs2pmTrainer(model, SCALING, settings(TrainingMode.PRETRAIN, 2, 1e-3f, true, dir.resolve("b")), batches(6, 1), null, null);
            t.run();
            t.close();
            checkpoint = dir.resolve("b/checkpoints/step-000002");
            assertThat(checkpoint.resolve(Gs2pmArtifact.WEIGHTS_FILE)).exists();
            assertThat(dir.resolve("b/loss-curve.png")).exists();
            assertThat(Files.size(dir.resolve("b/loss-curve.png"))).isGreaterThan(1000);
        }
        try (Gs2pmModel other = Gs2pmModel.randomlyInitialised(TINY, 99)) {
            Gs2pmTrainer t = new Gs2pmTrainer(other, SCALING, settings(TrainingMode.PRETRAIN, 4, 1e-3f, true, dir.resolve("c")), batches(6, 1), null, null);
            t.resumeFrom(checkpoint);
            assertThat(t.step()).isEqualTo(2);
            t.run();
            t.close();
            Map<String, float[]> resumed = Gs2pmTrainer.snapshot(other.network());
            // single-threaded CPU training is deterministic, so a resume that keeps the optimizer
            // state, the step count and the data position ends bit for bit where the straight run did
            for (String name : straight.keySet()) {
                assertThat(Arrays.equals(straight.get(name), resumed.get(name))).as(name).isTrue();
            }
            assertThat(t.history().train()).hasSize(4);
        }
    }

    @Test
    void theFinalArtifactLoadsBackWithItsScaling() throws Exception {
        try (Gs2pmModel model = fresh()) {
            Gs2pmTrainer t = new Gs2pmTrainer(model, SCALING, settings(TrainingMode.FULL, 1, 1e-3f, true, dir), batches(2, 4), batches(2, 8), null);
            Path artifact = t.run();
            t.close();
            Gs2pmArtifact a = Gs2pmArtifact.open(artifact);
            assertThat(a.config().network()).isEqualTo(TINY);
            assertThat(a.config().normalisationFor(Quantity.RAIN_RATE)).contains(SCALING.forQuantity(Quantity.RAIN_RATE));
            assertThat(a.config().normalisationFor(Quantity.REFLECTIVITY)).contains(SCALING.forQuantity(Quantity.REFLECTIVITY));
            assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(artifact.resolve(Gs2pmTrainer.PROVENANCE_FILE).toFile())
                    .path("steps").asLong()).isEqualTo(1);
            assertThat(t.history().validation()).hasSize(1);
            try (Gs2pmModel back = a.load()) {
                Map<String, float[]> x = Gs2pmTrainer.snapshot(model.network());
                Map<String, float[]> y = Gs2pmTrainer.snapshot(back.network());
                x.forEach((k, v) -> assertThat(y.get(k)).as(k).containsExactly(v));
            }
        }
    }
}
