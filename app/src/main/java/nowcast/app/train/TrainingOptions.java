package nowcast.app.train;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import nowcast.schemas.client.ClientOverrides;
import nowcast.model.conditioned.AdvectionConditioning;
import nowcast.training.data.TrainingData;
import nowcast.training.evaluation.BenchmarkEvent;
import nowcast.training.evaluation.BenchmarkEvents;
import nowcast.training.evaluation.EventRole;
import nowcast.training.jobs.TrainingMode;
import nowcast.training.jobs.TrainingSettings;
import picocli.CommandLine.Option;

/** Options shared by {@code train pretrain} and {@code train tune}: data, optimiser, checkpoints. */
final class TrainingOptions {

    private static final Pattern DATA = Pattern.compile("([A-Za-z0-9_-]+)(?::(\\d+))?=(.+)");
    private static final Pattern FEED = Pattern.compile("(\\d+)x(\\d+)(?::(-?\\d+))?");

    @Option(names = "--data", paramLabel = "FORMAT[:BLOCK]=PATH",
            description = "A radar archive to train on, read with the named reader (knmi, odim, mch, fmi, unica, ...); BLOCK overrides --block for it (e.g. unica:8=DIR for 1024-pixel images); repeatable.")
    List<String> data = new ArrayList<>();

    @Option(names = "--training-events", paramLabel = "RADAR_DIR",
            description = "Train on every TRAINING event of the event catalogue (docs/evaluation.md) under this sample-data folder (e.g. ../shared/data/radar): each archive read with the event's reader, cadence and block, its whole grid tiled (see --tile-stride). The DEVELOPMENT events are never read.")
    Path trainingEvents;

    @Option(names = "--frames-topic", paramLabel = "TOPIC",
            description = "A frames topic to replay from its beginning and train on (every source in it), e.g. nowcast.frames; repeatable. Needs --bootstrap and --registry.")
    List<String> framesTopics = new ArrayList<>();

    @Option(names = "--bootstrap", description = "Kafka bootstrap servers for --frames-topic, e.g. 127.0.0.1:9092.")
    String bootstrap;

    @Option(names = "--registry", description = "Schema Registry URL for --frames-topic, e.g. http://127.0.0.1:8081.")
    String registry;

    @Option(names = "--replay-timeout", defaultValue = "PT10M",
            description = "Longest a --frames-topic replay may take (ISO-8601 duration). Default: ${DEFAULT-VALUE}.")
    Duration replayTimeout;

    @Option(names = "--time-limit", converter = nowcast.app.ingest.DurationConverter.class, paramLabel = "DURATION",
            description = "Stop before the step that would end after this much wall time from the start of training "
                    + "(e.g. 95m); the run then ends as a complete one (validation, checkpoint, final and best "
                    + "artifacts) and --resume continues it. Default: no limit.")
    Duration timeLimit;

    @Option(names = "--block", defaultValue = "2",
            description = "Native pixels per model pixel side (block averaging, as the evaluation protocol's 2x2). Default: ${DEFAULT-VALUE}.")
    int block;

    @Option(names = "--crop", paramLabel = "ROW,COL",
            description = "Top-left native pixel of the one tile to use; default: tile the whole grid.")
    String crop;

    @Option(names = "--tile-stride", defaultValue = "0",
            description = "Native pixels between tile origins when tiling; 0 = the tile span (no overlap). Default: ${DEFAULT-VALUE}.")
    int tileStride;

    @Option(names = "--min-valid", defaultValue = "0.5",
            description = "Drop radar tiles whose pixels are valid less than this fraction of the time. Default: ${DEFAULT-VALUE}.")
    double minValid;

    @Option(names = "--min-wet", defaultValue = "0",
            description = "Leave out radar windows whose valid pixels reach 1 mm/h (20 dBZ) less often than this fraction over their 20 frames; 0 keeps all. Default: ${DEFAULT-VALUE}.")
    double minWet;

    @Option(names = "--synthetic", defaultValue = "0",
            description = "Number of synthetic storm windows to add (generated from the seed). Default: ${DEFAULT-VALUE}.")
    int synthetic;

    @Option(names = "--synthetic-feed", paramLabel = "SOURCESxFRAMES[:SEED]",
            description = "Train on the storms that 'nowcast ingest synthetic' publishes: the first FRAMES frames of SOURCES sources of its generator (seed: --seed unless given), each split by time like an archive; e.g. 8x288.")
    String syntheticFeed;

    @Option(names = "--validation-fraction", defaultValue = "0.2",
            description = "Last fraction of each radar sequence (by time) held out for validation. Default: ${DEFAULT-VALUE}.")
    double validationFraction;

    @Option(names = "--augment", negatable = true, defaultValue = "true",
            description = "Random flips/rotations of whole windows. Default: ${DEFAULT-VALUE}.")
    boolean augment;

    @Option(names = "--batch-size", defaultValue = "8", description = "Default: ${DEFAULT-VALUE}.")
    int batchSize;

    @Option(names = "--lr", defaultValue = "1e-4", description = "Adam learning rate. Default: ${DEFAULT-VALUE}.")
    float learningRate;

    /** How the learning rate changes over the run. */
    enum LrSchedule { constant, cosine }

    @Option(names = "--lr-schedule", defaultValue = "constant",
            description = "constant (official) or cosine: from --lr down to 0 along half a cosine over --steps. Default: ${DEFAULT-VALUE}.")
    LrSchedule lrSchedule;

    @Option(names = "--steps", description = "Optimiser steps (total, counting those before a resume).")
    Long steps;

    @Option(names = "--epochs", description = "Passes over the training windows, instead of --steps.")
    Double epochs;

    @Option(names = "--clip-norm", defaultValue = "0",
            description = "Clip the global gradient norm to this value; 0 = off (official). Default: ${DEFAULT-VALUE}.")
    float clipNorm;

    @Option(names = "--rain-rate-loss", defaultValue = "0", paramLabel = "WEIGHT",
            description = "Add WEIGHT x the MSE of the Marshall-Palmer rain rates (mm/h / 100, clipped at 100: the evaluation protocol's scale) of prediction and truth to the loss; models on a dBZ scale only. Default: ${DEFAULT-VALUE} (the official loss).")
    float rainRateLossWeight;

    @Option(names = "--csi-loss", defaultValue = "0", paramLabel = "WEIGHT",
            description = "Add WEIGHT x (1 - a differentiable CSI) at the --csi-loss-dbz thresholds: a squared-error loss alone rewards smoothing rain out, which shrinks the area above a threshold; models on a dBZ scale only. Default: ${DEFAULT-VALUE} (off).")
    float csiLossWeight;

    @Option(names = "--area-loss", defaultValue = "0", paramLabel = "WEIGHT",
            description = "Add WEIGHT x the squared difference between the forecast's and the truth's wet fraction above the --csi-loss-dbz thresholds, per window and lead: keeps the rain area where smoothing would shrink it, without pushing intensities up; models on a dBZ scale only. Default: ${DEFAULT-VALUE} (off).")
    float areaLossWeight;

    @Option(names = "--quantile", defaultValue = "0.5", paramLabel = "Q",
            description = "Advection-conditioned network: the absolute-error term of the loss is the pinball loss of quantile Q (x2); 0.5 is the official L1 (the median), above 0.5 the forecast keeps rain where it is likely rather than more likely than not. Default: ${DEFAULT-VALUE}.")
    float quantile;

    @Option(names = "--csi-loss-dbz", split = ",", defaultValue = "20,23", paramLabel = "DBZ",
            description = "Thresholds of --csi-loss and --area-loss in dBZ (23 dBZ is 1 mm/h by Marshall-Palmer). Default: ${DEFAULT-VALUE}.")
    float[] csiLossDbz;

    @Option(names = "--checkpoint-every", defaultValue = "100", description = "Steps between checkpoints (0 = only at the end). Default: ${DEFAULT-VALUE}.")
    long checkpointEvery;

    @Option(names = "--validate-every", defaultValue = "100", description = "Steps between validation losses (0 = only at the end). Default: ${DEFAULT-VALUE}.")
    long validateEvery;

    @Option(names = "--validation-batches", defaultValue = "4", description = "Validation batches per evaluation. Default: ${DEFAULT-VALUE}.")
    int validationBatches;

    @Option(names = "--seed", defaultValue = "42", description = "Seeds data order, augmentation, masks, DropPath and initialisation. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--output", required = true, description = "Folder for checkpoints, the final artifact (final/), losses and loss-curve.png.")
    Path output;

    @Option(names = "--resume", paramLabel = "CHECKPOINT", description = "Continue from a checkpoint folder written by the same job.")
    Path resume;

    @Option(names = "--threads", defaultValue = "2", description = "PyTorch intra-op threads. Default: ${DEFAULT-VALUE}.")
    int threads;

    List<TrainingData.FramesTopic> topics() {
        if (framesTopics.isEmpty()) {
            return List.of();
        }
        if (bootstrap == null || registry == null) {
            throw new IllegalArgumentException("--frames-topic needs --bootstrap and --registry");
        }
        // security settings come from the environment, as for every other client (docs/configuration.md)
        Map<String, Object> client = ClientOverrides.fromEnvironment().clientConfig(bootstrap, registry);
        int[] cropAt = cropAt();
        return framesTopics.stream().map(t -> new TrainingData.FramesTopic(client, t, block, cropAt, tileStride, replayTimeout)).toList();
    }

    List<TrainingData.SyntheticFeed> feeds() {
        if (syntheticFeed == null) {
            return List.of();
        }
        Matcher m = FEED.matcher(syntheticFeed.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("--synthetic-feed must be SOURCESxFRAMES[:SEED] (e.g. 8x288), got '" + syntheticFeed + "'");
        }
        long feedSeed = m.group(3) != null ? Long.parseLong(m.group(3)) : seed;
        return List.of(new TrainingData.SyntheticFeed(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), feedSeed));
    }

    private int[] cropAt() {
        if (crop == null) {
            return null;
        }
        String[] p = crop.split(",");
        if (p.length != 2) {
            throw new IllegalArgumentException("--crop must be ROW,COL, got '" + crop + "'");
        }
        return new int[] {Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim())};
    }

    List<TrainingData.RadarArchive> archives() {
        int[] cropAt = cropAt();
        List<TrainingData.RadarArchive> out = new ArrayList<>();
        if (trainingEvents != null) {
            if (crop != null) {
                throw new IllegalArgumentException("--crop picks one tile of one archive; --training-events tiles every event's whole grid");
            }
            for (BenchmarkEvent e : BenchmarkEvents.withRole(trainingEvents, EventRole.TRAINING)) {
                out.add(TrainingData.RadarArchive.ofEvent(e, tileStride));
            }
        }
        for (String d : data) {
            Matcher m = DATA.matcher(d);
            if (!m.matches()) {
                throw new IllegalArgumentException("--data must be FORMAT[:BLOCK]=PATH (e.g. knmi=/data/KNMI or unica:8=/data/unica), got '"
                        + d + "'");
            }
            int archiveBlock = m.group(2) != null ? Integer.parseInt(m.group(2)) : block;
            out.add(new TrainingData.RadarArchive(m.group(1), Path.of(m.group(3)), archiveBlock, cropAt, tileStride));
        }
        return out;
    }

    TrainingData.Options dataOptions(int frames, int channels, int side, AdvectionConditioning conditioning) {
        return new TrainingData.Options(frames, frames, channels, side, batchSize, seed, validationFraction, synthetic, augment, minValid,
                conditioning, minWet);
    }

    TrainingSettings settings(TrainingMode mode, boolean batchNormStatistics, double batchesPerEpoch) {
        if ((steps == null) == (epochs == null)) {
            throw new IllegalArgumentException("give exactly one of --steps and --epochs");
        }
        long total = steps != null ? steps : (long) Math.ceil(epochs * batchesPerEpoch);
        return new TrainingSettings(mode, learningRate, total, clipNorm, checkpointEvery, validateEvery, validationBatches, seed,
                batchNormStatistics, rainRateLossWeight, output, csiLossWeight, csiLossDbz, lrSchedule == LrSchedule.cosine,
                areaLossWeight, quantile);
    }
}
