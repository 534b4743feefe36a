package nowcast.training.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.djl.Device;
import nowcast.model.gs2pm.Gs2pmConfig;
import nowcast.model.gs2pm.Gs2pmModel;
import nowcast.model.gs2pm.Gs2pmArtifact;
import nowcast.model.weights.NamedTensor;
import nowcast.frame.Quantity;
import nowcast.model.conditioned.AdvectionConditioning;
import nowcast.model.extrapolation.ExtrapolationSettings;
import nowcast.training.data.Batch;
import nowcast.training.data.FieldScaler;
import nowcast.training.data.SyntheticStormWindows;
import nowcast.training.data.WindowSource;
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
        return new WindowBatches(List.of(new SyntheticStormWindows(windows, 4, 128, seed)), 2, 2, 2, 3, seed, true, true, SCALING);
    }

    private TrainingSettings settings(TrainingMode mode, long steps, float lr, boolean bn, Path out) {
        return new TrainingSettings(mode, lr, steps, 1f, 0, 0, 1, 7, bn, 0f, out);
    }

    private static Gs2pmModel fresh() {
        Gs2pmModel m = Gs2pmModel.randomlyInitialised(TINY, 3);
        m.network().applyXavierInitialisation(3);
        return m;
    }

    /**
     * A training step on a network put on a device the way a GPU gets one (its state_dict exported and
     * loaded there, here onto the CPU as CI has no GPU): every parameter stays on that device and the
     * step is bit for bit the one the original takes, so the loaded parameters train like drawn ones.
     */
    @Test
    void aTrainingStepOnANetworkLoadedOntoADeviceMatchesTheOriginalBitForBit() throws Exception {
        WindowBatches data = new WindowBatches(List.of(new SyntheticStormWindows(2, 4, 128, 5)), 2, 2, 2, 3, 5, false, false, SCALING);
        Map<String, float[]> byDefault;
        double lossByDefault;
        try (Gs2pmModel model = fresh()) {
            Gs2pmTrainer trainer = new Gs2pmTrainer(model, SCALING, settings(TrainingMode.PRETRAIN, 2, 3e-3f, true, dir.resolve("a")), data, null, null);
            lossByDefault = trainer.trainStep(data.batch(0));
            trainer.close();
            byDefault = Gs2pmTrainer.snapshot(model.network());
        }
        Map<String, NamedTensor> weights = new LinkedHashMap<>();
        try (Gs2pmModel original = fresh()) {
            original.network().exportStateDict().forEach(t -> weights.put(t.name(), t));
        }
        try (Gs2pmModel model = Gs2pmModel.withWeights(TINY, weights, "copy", Device.cpu())) {
            Map<String, float[]> start = Gs2pmTrainer.snapshot(model.network());
            Gs2pmTrainer trainer = new Gs2pmTrainer(model, SCALING, settings(TrainingMode.PRETRAIN, 2, 3e-3f, true, dir.resolve("b")), data, null, null);
            double loss = trainer.trainStep(data.batch(0));
            trainer.close();
            assertThat(loss).isEqualTo(lossByDefault).isFinite();
            model.network().stateDictParameters().values()
                    .forEach(p -> assertThat(p.getArray().getDevice()).isEqualTo(Device.cpu()));
            Map<String, float[]> after = Gs2pmTrainer.snapshot(model.network());
            assertThat(after.keySet()).isEqualTo(byDefault.keySet());
            after.forEach((name, values) -> assertThat(values).as(name).isEqualTo(byDefault.get(name)));
            assertThat(after.get("dec.readout.weight")).isNotEqualTo(start.get("dec.readout.weight"));
        }
    }

    @Test
    void aFewPretrainingStepsLowerTheLossOnTheSameBatch() throws Exception {
        try (Gs2pmModel model = fresh()) {
            WindowBatches data = new WindowBatches(List.of(new SyntheticStormWindows(2, 4, 128, 5)), 2, 2, 2, 3, 5, false, false, SCALING);
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
    void aFewStepsLowerTheLossOfTheAdvectionConditionedNetworkWhichStartsAsTheExtrapolation() throws Exception {
        Gs2pmConfig config = Gs2pmConfig.builder().hidS(4).hidT(16).nS(4).nT(2).frames(2)
                .mode(Gs2pmConfig.Mode.ADVECTION_CONDITIONED).build();
        AdvectionConditioning conditioning = new AdvectionConditioning(ExtrapolationSettings.defaults().nowcaster(2));
        // rain that stays in place and weakens: the extrapolation keeps it as it is, the correction has to learn the decay
        WindowSource decaying = new WindowSource() {
            public Quantity quantity() {
                return Quantity.RAIN_RATE;
            }

            public String name() {
                return "decaying rain";
            }

            public int size() {
                return 2;
            }

            public int side() {
                return 128;
            }

            public float[][] window(int index) {
                float[][] frames = new float[4][128 * 128];
                for (int t = 0; t < 4; t++) {
                    for (int r = 0; r < 128; r++) {
                        for (int c = 0; c < 128; c++) {
                            double d2 = Math.pow(r - 50 - 20 * index, 2) + Math.pow(c - 64, 2);
                            frames[t][r * 128 + c] = (float) (30 * Math.exp(-d2 / 800) * Math.pow(0.5, t));
                        }
                    }
                }
                return frames;
            }
        };
        WindowBatches data = new WindowBatches(List.of(decaying), 2, 2, 2, 3, 5, false, false, SCALING, conditioning);
        Batch batch = data.batch(0);
        assertThat(batch.conditioned()).isTrue();
        try (Gs2pmModel model = Gs2pmModel.randomlyInitialised(config, 3)) {
            model.network().applyXavierInitialisation(3);
            TrainingSettings settings = new TrainingSettings(TrainingMode.SCRATCH, 3e-3f, 30, 1f, 0, 0, 1, 7, true, 50f, dir, 0.1f,
                    new float[] {20, 23}, false, 5f, 0.5f);
            Gs2pmTrainer trainer = new Gs2pmTrainer(model, SCALING, settings, data, null, null);
            double first = trainer.trainStep(batch);
            // a zero readout: the first loss is the extrapolation's own
            assertThat(first).isCloseTo(extrapolationLoss(batch, settings), org.assertj.core.data.Percentage.withPercentage(0.5));
            double last = first;
            for (int i = 0; i < 29; i++) {
                last = trainer.trainStep(batch);
            }
            trainer.close();
            assertThat(last).isLessThan(first * 0.7);
        }
        try (Gs2pmModel model = Gs2pmModel.randomlyInitialised(config, 3)) {
            // the pinball loss of another quantile replaces the L1 term
            TrainingSettings quantile = new TrainingSettings(TrainingMode.SCRATCH, 3e-3f, 30, 1f, 0, 0, 1, 7, true, 0f, dir, 0f,
                    new float[] {20}, false, 0f, 0.8f);
            Gs2pmTrainer trainer = new Gs2pmTrainer(model, SCALING, quantile, data, null, null);
            double first = trainer.trainStep(batch);
            trainer.close();
            assertThat(first).isCloseTo(extrapolationLoss(batch, quantile), org.assertj.core.data.Percentage.withPercentage(0.5));
        }
    }

    /** MSE + L1 of the extrapolation against the truth over valid pixels, plus the rain-rate, CSI and area terms, computed on the host. */
    private static double extrapolationLoss(Batch batch, TrainingSettings settings) {
        float[] e = batch.base();
        float[] y = batch.target();
        double sq = 0;
        double abs = 0;
        double rr = 0;
        double valid = 1;
        for (int i = 0; i < e.length; i++) {
            double f = Math.min(1, Math.max(0, e[i]));
            double d = (f - y[i]) * batch.mask()[i];
            sq += d * d;
            abs += 2 * (d < 0 ? -settings.quantile() * d : (1 - settings.quantile()) * d);
            double r = (rate(f) - rate(y[i])) * batch.mask()[i];
            rr += r * r;
            valid += batch.mask()[i];
        }
        double csi = 0;
        for (float dbz : settings.thresholdLossDbz()) {
            double t = dbz / 70.0;
            double hits = 0;
            double union = 1;
            for (int i = 0; i < e.length; i++) {
                double p = 1 / (1 + Math.exp(-(Math.min(1, Math.max(0, e[i])) - t) / (1.5 / 70))) * batch.mask()[i];
                double o = (y[i] >= t ? 1 : 0) * batch.mask()[i];
                hits += p * o;
                union += p + o - p * o;
            }
            csi += 1 - hits / union;
        }
        double area = 0;
        int plane = batch.side() * batch.side();
        int fields = e.length / plane;
        for (float dbz : settings.thresholdLossDbz()) {
            double t = dbz / 70.0;
            for (int f = 0; f < fields; f++) {
                double forecast = 0;
                double observed = 0;
                double n = 1;
                for (int i = f * plane; i < (f + 1) * plane; i++) {
                    forecast += 1 / (1 + Math.exp(-(Math.min(1, Math.max(0, e[i])) - t) / (1.5 / 70))) * batch.mask()[i];
                    observed += (y[i] >= t ? 1 : 0) * batch.mask()[i];
                    n += batch.mask()[i];
                }
                area += Math.pow((forecast - observed) / n, 2) / fields;
            }
        }
        return (sq + abs) / valid + settings.rainRateLossWeight() * rr / valid
                + settings.thresholdLossWeight() * csi / settings.thresholdLossDbz().length
                + settings.areaLossWeight() * area / settings.thresholdLossDbz().length;
    }

    /** Marshall-Palmer rain rate / 100 mm/h, clipped at 1, of a value on the 0-70 dBZ scale. */
    private static double rate(double model) {
        return model <= 0 ? 0 : Math.min(1, Math.pow(Math.pow(10, model * 70 / 10) / 200, 1 / 1.6) / 100);
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

    @Test
    void aWallTimeLimitEndsTheRunLikeACompleteOneAndTheBestCheckpointIsTheOneWithTheLowestValidationLoss() throws Exception {
        try (Gs2pmModel model = fresh()) {
            TrainingSettings s = new TrainingSettings(TrainingMode.FULL, 1e-3f, 5, 0f, 1, 1, 1, 7, true, 0f, dir.resolve("limited"));
            Gs2pmTrainer t = new Gs2pmTrainer(model, SCALING, s, batches(2, 4), batches(2, 8), null);
            Path artifact = t.run(java.time.Duration.ZERO);
            t.close();
            // no time for a second step: one step, validated, checkpointed and exported like the last of a full run
            assertThat(t.step()).isEqualTo(1);
            assertThat(t.history().validation()).hasSize(1);
            assertThat(dir.resolve("limited/checkpoints/step-000001").resolve(Gs2pmArtifact.WEIGHTS_FILE)).exists();
            assertThat(artifact.resolve(Gs2pmArtifact.WEIGHTS_FILE)).exists();
            assertThat(Files.readAllBytes(dir.resolve("limited/best").resolve(Gs2pmArtifact.WEIGHTS_FILE)))
                    .isEqualTo(Files.readAllBytes(artifact.resolve(Gs2pmArtifact.WEIGHTS_FILE)));
        }
        try (Gs2pmModel model = fresh()) {
            TrainingSettings s = new TrainingSettings(TrainingMode.FULL, 3e-3f, 4, 0f, 1, 1, 1, 7, true, 0f, dir.resolve("full"));
            Gs2pmTrainer t = new Gs2pmTrainer(model, SCALING, s, batches(2, 4), batches(2, 8), null);
            t.run();
            t.close();
            LossHistory.Point best = t.history().validation().stream()
                    .min(java.util.Comparator.comparingDouble(LossHistory.Point::loss)).orElseThrow();
            Path chosen = dir.resolve("full/checkpoints").resolve(String.format(java.util.Locale.ROOT, "step-%06d", best.step()));
            assertThat(t.history().validation()).hasSize(4);
            assertThat(t.best()).contains(dir.resolve("full/best"));
            assertThat(Files.readAllBytes(dir.resolve("full/best").resolve(Gs2pmArtifact.WEIGHTS_FILE)))
                    .isEqualTo(Files.readAllBytes(chosen.resolve(Gs2pmArtifact.WEIGHTS_FILE)));
            assertThat(Gs2pmArtifact.open(dir.resolve("full/best")).config().network()).isEqualTo(TINY);
        }
    }
}
