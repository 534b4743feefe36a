package nowcast.training.jobs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Everything a training job needs besides the network and the data.
 *
 * @param mode what is optimised
 * @param learningRate Adam learning rate (1e-4 in the official code)
 * @param steps optimiser steps to reach (counted from the start of the run, so a resumed run stops at the same step)
 * @param clipNorm maximum global gradient L2 norm, 0 for none
 * @param checkpointEvery write a checkpoint every this many steps (0: only at the end)
 * @param validateEvery evaluate the validation loss every this many steps (0: only at the end)
 * @param validationBatches at most this many validation batches per evaluation
 * @param seed seeds the data order, augmentation, masks and DropPath
 * @param batchNormStatistics whether BatchNorm running statistics follow the training batches
 *        (true in pre-training and full tuning; the official prompt tuning lets them drift, ours freezes them by default)
 * @param rainRateLossWeight weight of an extra loss term, the MSE of the Marshall-Palmer rain rates
 *        (mm/h / 100, clipped at 100 mm/h: the evaluation protocol's scale) of prediction and truth,
 *        for models whose values are on a dBZ scale; 0 (default) for the official loss alone
 * @param outputDir where checkpoints, the final artifact, the loss log and the loss-curve PNG go
 * @param thresholdLossWeight weight of {@code 1 - soft CSI} ({@link ThresholdLoss}) at {@code thresholdLossDbz};
 *        0 (default) for none; for models whose values are on a dBZ scale
 * @param thresholdLossDbz the thresholds of that term, in dBZ (1 mm/h is about 23 dBZ by Marshall-Palmer)
 * @param cosineDecay false (official): a constant learning rate; true: it falls from {@code learningRate}
 *        to 0 along half a cosine over {@code steps} (a function of the step, so resuming stays exact)
 * @param areaLossWeight weight of the wet-area term ({@link ThresholdLoss#area}) at {@code thresholdLossDbz}; 0 for none
 * @param quantile the absolute-error term of an advection-conditioned network's loss is the pinball loss of this
 *        quantile (times 2): 0.5 is the official L1
 */
public record TrainingSettings(TrainingMode mode, float learningRate, long steps, float clipNorm, long checkpointEvery,
                               long validateEvery, int validationBatches, long seed, boolean batchNormStatistics,
                               float rainRateLossWeight, Path outputDir, float thresholdLossWeight, float[] thresholdLossDbz,
                               boolean cosineDecay, float areaLossWeight, float quantile) {

    /** Without the threshold loss term. */
    public TrainingSettings(TrainingMode mode, float learningRate, long steps, float clipNorm, long checkpointEvery,
                            long validateEvery, int validationBatches, long seed, boolean batchNormStatistics,
                            float rainRateLossWeight, Path outputDir) {
        this(mode, learningRate, steps, clipNorm, checkpointEvery, validateEvery, validationBatches, seed, batchNormStatistics,
                rainRateLossWeight, outputDir, 0f, new float[0], false, 0f, 0.5f);
    }

    /** The learning rate of the step that follows {@code completed} steps. */
    public float learningRateAfter(long completed) {
        if (!cosineDecay) {
            return learningRate;
        }
        return (float) (learningRate * 0.5 * (1 + Math.cos(Math.PI * Math.min(completed, steps) / steps)));
    }

    public TrainingSettings {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(outputDir, "outputDir");
        List<String> problems = new ArrayList<>();
        if (!(learningRate > 0)) {
            problems.add("learning rate must be positive, got " + learningRate);
        }
        if (steps < 1) {
            problems.add("steps must be at least 1, got " + steps);
        }
        if (clipNorm < 0) {
            problems.add("clip norm must be 0 (off) or positive, got " + clipNorm);
        }
        if (!(rainRateLossWeight >= 0)) {
            problems.add("rain-rate loss weight must be 0 (off) or positive, got " + rainRateLossWeight);
        }
        thresholdLossDbz = thresholdLossDbz == null ? new float[0] : thresholdLossDbz.clone();
        if (!(thresholdLossWeight >= 0)) {
            problems.add("threshold loss weight must be 0 (off) or positive, got " + thresholdLossWeight);
        } else if (thresholdLossWeight > 0 && thresholdLossDbz.length == 0) {
            problems.add("the threshold loss needs at least one threshold");
        }
        if (!(quantile > 0 && quantile < 1)) {
            problems.add("quantile must lie strictly between 0 and 1, got " + quantile);
        }
        if (!(areaLossWeight >= 0)) {
            problems.add("area loss weight must be 0 (off) or positive, got " + areaLossWeight);
        } else if (areaLossWeight > 0 && thresholdLossDbz.length == 0) {
            problems.add("the area loss needs at least one threshold");
        }
        if (checkpointEvery < 0 || validateEvery < 0 || validationBatches < 0) {
            problems.add("checkpoint-every, validate-every and validation-batches must not be negative");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid training settings: " + String.join("; ", problems));
        }
    }
}
