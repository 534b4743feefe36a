package nowcast.training.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import nowcast.model.autograd.GraphScalar;
import nowcast.model.gs2pm.Gs2pmModel;
import nowcast.model.gs2pm.Gs2pmNetwork;
import nowcast.model.gs2pm.Gs2pmArtifact;
import nowcast.model.weights.NamedTensor;
import nowcast.model.weights.SafeTensors;
import nowcast.training.data.Batch;
import nowcast.training.data.FieldScaler;
import nowcast.training.data.WindowBatches;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The training loop of docs/spec/gs2pm.md section 10 for the three jobs: pre-training (prediction MSE+L1
 * plus masked-reconstruction MSE+L1), prompt tuning (only {@code prompt.*} is stepped) and full
 * tuning. Adam, optional gradient clipping, a validation loss every so often, a checkpoint every
 * N steps and at the end (each a complete {@link Gs2pmArtifact} plus optimizer state), a progress
 * bar and a loss-curve PNG next to the checkpoints.
 *
 * <p>Randomness is a function of (seed, step): the batch, its augmentation, the reconstruction
 * mask and DropPath, so resuming from a checkpoint continues exactly as the uninterrupted run.
 */
public final class Gs2pmTrainer {

    private static final Logger LOG = LoggerFactory.getLogger(Gs2pmTrainer.class);
    static final String OPTIMIZER_FILE = "optimizer.safetensors";
    static final String STATE_FILE = "training-state.json";
    /** Written into every artifact this job makes: what it was trained on, how long, how fast. */
    public static final String PROVENANCE_FILE = "training.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Gs2pmModel model;
    private final Gs2pmNetwork network;
    private final FieldScaler scaling;
    private final RainRateScale rainRate;
    private final ThresholdLoss thresholdLoss;
    private final TrainingSettings settings;
    private final WindowBatches train;
    private final WindowBatches validation;
    private final JsonNode dataDescription;
    private final Map<String, Parameter> trainable = new LinkedHashMap<>();
    private final AdamOptimizer optimizer;
    private final LossHistory history = new LossHistory();
    private Path bestArtifact;
    private final NDManager stateManager;
    private long step;
    private double computeSeconds;
    private long computeSamples;

    public Gs2pmTrainer(Gs2pmModel model, FieldScaler scaling, TrainingSettings settings, WindowBatches train,
                        WindowBatches validation, JsonNode dataDescription) {
        this.model = model;
        this.network = model.network();
        this.scaling = scaling;
        this.rainRate = settings.rainRateLossWeight() > 0 ? RainRateScale.of(scaling.main()) : null;
        this.thresholdLoss = settings.thresholdLossWeight() > 0 || settings.areaLossWeight() > 0
                ? RainRateScale.of(scaling.main()).thresholds(settings.thresholdLossDbz()) : null;
        if (model.config().advectionConditioned() && settings.mode() == TrainingMode.PRETRAIN) {
            throw new IllegalArgumentException("an advection-conditioned network is trained on its prediction only "
                    + "(its input is not a sequence of frames to reconstruct): use --prediction-only or train tune --mode full");
        }
        this.settings = settings;
        this.train = train;
        this.validation = validation;
        this.dataDescription = dataDescription;
        for (Map.Entry<String, Parameter> e : network.stateDictParameters().entrySet()) {
            Parameter p = e.getValue();
            boolean buffer = p.getType() == Parameter.Type.RUNNING_MEAN || p.getType() == Parameter.Type.RUNNING_VAR;
            if (buffer) {
                continue;
            }
            boolean update = settings.mode() != TrainingMode.PROMPT || e.getKey().startsWith("prompt.");
            // a frozen parameter gets no gradient at all: cheaper than the official "compute, then ignore"
            p.getArray().setRequiresGradient(update);
            if (update) {
                trainable.put(e.getKey(), p);
            }
        }
        network.setBatchNormStatisticsFrozen(!settings.batchNormStatistics());
        this.stateManager = model.djlModel().getNDManager().newSubManager();
        this.optimizer = new AdamOptimizer(trainable, stateManager, settings.learningRate(), settings.clipNorm());
    }

    /** The names of the tensors this job updates. */
    public java.util.Set<String> trainableNames() {
        return trainable.keySet();
    }

    public long step() {
        return step;
    }

    public LossHistory history() {
        return history;
    }

    /** Continues from a checkpoint written by a run with the same mode and sizes. */
    public void resumeFrom(Path checkpoint) throws IOException {
        JsonNode state = JSON.readTree(checkpoint.resolve(STATE_FILE).toFile());
        String mode = state.path("mode").asText();
        if (!mode.equals(settings.mode().name())) {
            throw new IllegalArgumentException(checkpoint + " was written by a " + mode + " run, this run is " + settings.mode());
        }
        Path weights = checkpoint.resolve(Gs2pmArtifact.WEIGHTS_FILE);
        network.loadStateDict(SafeTensors.read(weights), weights.toString());
        step = state.path("step").asLong();
        optimizer.restore(SafeTensors.read(checkpoint.resolve(OPTIMIZER_FILE)), state.path("optimizer_steps").asLong(step),
                checkpoint.resolve(OPTIMIZER_FILE).toString());
        for (JsonNode p : state.path("train_loss")) {
            history.addTrain(p.get(0).asLong(), p.get(1).asDouble());
        }
        for (JsonNode p : state.path("validation_loss")) {
            history.addValidation(p.get(0).asLong(), p.get(1).asDouble());
        }
        computeSeconds = state.path("compute_seconds").asDouble();
        computeSamples = state.path("compute_samples").asLong();
        LOG.info("resumed {} from {} at step {}", settings.mode().label(), checkpoint, step);
    }

    /** Trains up to {@code settings.steps()} and returns the final artifact's folder. */
    public Path run() throws IOException {
        return run(null);
    }

    /**
     * Trains up to {@code settings.steps()}, or until the next step would end after {@code wallLimit} of wall time
     * from now (null: no limit; the last step's duration is the estimate), and returns the final artifact's folder.
     * A run stopped by the limit ends like a complete one (validation, checkpoint, final and best artifacts), so
     * {@code --resume} continues it in a next stage.
     */
    public Path run(java.time.Duration wallLimit) throws IOException {
        long deadline = wallLimit == null ? Long.MAX_VALUE : System.nanoTime() + wallLimit.toNanos();
        Files.createDirectories(settings.outputDir());
        LOG.info("{}: {} trainable tensors ({} numbers), {} steps of batch {}, lr {}, data: {}", settings.mode().label(),
                trainable.size(), trainable.values().stream().mapToLong(p -> p.getShape().size()).sum(), settings.steps(),
                train.batchSize(), settings.learningRate(), train.names());
        long started = step;
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName(settings.mode().label()).setInitialMax(settings.steps())
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(2000).showSpeed(new java.text.DecimalFormat("0.000"))
                .setUnit(" steps", 1).setMaxRenderedLength(150).startsFrom(step, java.time.Duration.ZERO).build()) {
            ExecutorService prefetch = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "batch-prefetch");
                t.setDaemon(true);
                return t;
            });
            try {
                long first = step;
                Future<Batch> next = prefetch.submit(() -> train.batch(first));
                boolean timeUp = false;
                while (step < settings.steps() && !timeUp) {
                    long stepStart = System.nanoTime();
                    Batch batch = next.get();
                    long following = step + 1;
                    // the next batch is made while this one trains: batch n depends on n alone, so runs stay reproducible
                    next = following < settings.steps() ? prefetch.submit(() -> train.batch(following)) : null;
                    double loss = trainStep(batch);
                    step++;
                    history.addTrain(step, loss);
                    bar.stepTo(step);
                    bar.setExtraMessage(String.format(Locale.ROOT, " loss %.5f, %.2f samples/s", history.recentTrainMean(20), throughput()));
                    if (step % 50 == 0) {
                        LOG.info("step {}/{}: loss {} (mean of last 50), {} samples/s", step, settings.steps(),
                                String.format(Locale.ROOT, "%.5f", history.recentTrainMean(50)),
                                String.format(Locale.ROOT, "%.2f", throughput()));
                    }
                    long now = System.nanoTime();
                    // the step just taken is the estimate of the next one
                    timeUp = deadline != Long.MAX_VALUE && now + (now - stepStart) > deadline;
                    if (timeUp && step < settings.steps()) {
                        LOG.info("step {}: the wall-time limit {} leaves no time for another step; stopping here", step, wallLimit);
                    }
                    boolean last = step == settings.steps() || timeUp;
                    if (validation != null && (last || (settings.validateEvery() > 0 && step % settings.validateEvery() == 0))) {
                        double v = validationLoss();
                        history.addValidation(step, v);
                        LOG.info("step {}: validation loss {}", step, String.format(Locale.ROOT, "%.5f", v));
                    }
                    if (!last && settings.checkpointEvery() > 0 && step % settings.checkpointEvery() == 0) {
                        writeCheckpoint(checkpointDir(step));
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("training interrupted at step " + step, e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw new IOException("could not make the batch of step " + (step + 1) + ": " + e.getCause(), e.getCause());
            } finally {
                prefetch.shutdownNow();
            }
        }
        Path last = checkpointDir(step);
        writeCheckpoint(last);
        Path artifact = settings.outputDir().resolve("final");
        writeArtifact(artifact);
        writeBest();
        LOG.info("{} done: {} steps this run, final artifact {}, {} samples/s", settings.mode().label(), step - started, artifact,
                String.format(Locale.ROOT, "%.2f", throughput()));
        return artifact;
    }

    /**
     * Copies the artifact of the checkpoint with the lowest validation loss to {@code best/}: the rule by which a run
     * picks its model, fixed before it starts. Only validated steps that have a checkpoint compete (use the same
     * --validate-every and --checkpoint-every); without validation there is no best.
     */
    private void writeBest() throws IOException {
        bestArtifact = null;
        LossHistory.Point best = null;
        for (LossHistory.Point p : history.validation()) {
            if (Files.isDirectory(checkpointDir(p.step())) && Double.isFinite(p.loss()) && (best == null || p.loss() < best.loss())) {
                best = p;
            }
        }
        if (best == null) {
            return;
        }
        Path from = checkpointDir(best.step());
        Path to = settings.outputDir().resolve("best");
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = f.getFileName().toString();
                if (!name.equals(OPTIMIZER_FILE) && !name.equals(STATE_FILE)) {
                    Files.copy(f, to.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        bestArtifact = to;
        LOG.info("best validation loss {} at step {}: {}", String.format(Locale.ROOT, "%.5f", best.loss()), best.step(), to);
    }

    /** The {@code best/} artifact the last {@link #run} wrote, if it validated any checkpoint. */
    public java.util.Optional<Path> best() {
        return java.util.Optional.ofNullable(bestArtifact);
    }

    private Path checkpointDir(long atStep) {
        return settings.outputDir().resolve("checkpoints").resolve(String.format(Locale.ROOT, "step-%06d", atStep));
    }

    /** Samples per second of forward+backward+update so far (validation and checkpoints excluded). */
    public double throughput() {
        return computeSeconds > 0 ? computeSamples / computeSeconds : 0;
    }

    /** One optimiser step on a batch; returns the loss before the update. */
    double trainStep(Batch batch) {
        long t0 = System.nanoTime();
        float loss;
        try (NDManager scope = model.djlModel().getNDManager().newSubManager()) {
            ParameterStore ps = new ParameterStore(scope, false);
            Shape shape = new Shape(batch.shape());
            // device: the scope is a sub-manager of the model's manager: one copy of the batch to its device
            NDArray x = scope.create(batch.input(), shape);
            // device: as above
            NDArray y = scope.create(batch.target(), new Shape(batch.targetShape()));
            Engine.getEngine("PyTorch").setRandomSeed((int) (settings.seed() * 1_000_003L + step));
            NDArray total;
            try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                if (batch.conditioned()) {
                    total = conditionedLoss(scope, network.predict(ps, x, true, null), batch, y);
                } else if (settings.mode() == TrainingMode.PRETRAIN) {
                    NDList out = network.forwardPretraining(ps, x, true, new Random(settings.seed() * 7_777_777L + step));
                    total = predictionLoss(out.get(0), y).add(mseL1(out.get(1), x));
                } else {
                    total = predictionLoss(network.predict(ps, x, true, null), y);
                }
                gc.backward(total);
            }
            // host read: the loss, once per step
            loss = total.getFloat();
            if (!Float.isFinite(loss)) {
                throw new IllegalStateException("the training loss is " + loss + " at step " + (step + 1)
                        + " (diverged: lower the learning rate or set a clip norm)");
            }
            optimizer.step(settings.learningRateAfter(step));
        }
        computeSeconds += (System.nanoTime() - t0) / 1e9;
        computeSamples += batch.size();
        return loss;
    }

    /** Mean prediction loss (MSE+L1, eval mode) over the first validation batches. */
    double validationLoss() {
        int batches = (int) Math.max(1, Math.min(settings.validationBatches(), Math.ceil(validation.batchesPerEpoch())));
        double sum = 0;
        boolean grad = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            for (int b = 0; b < batches; b++) {
                Batch batch = validation.batch(b);
                try (NDManager scope = model.djlModel().getNDManager().newSubManager()) {
                    ParameterStore ps = new ParameterStore(scope, false);
                    // device: the scope is a sub-manager of the model's manager, on its device
                    NDArray pred = network.predict(ps, scope.create(batch.input(), new Shape(batch.shape())), false, null);
                    // device: as above
                    NDArray truth = scope.create(batch.target(), new Shape(batch.targetShape()));
                    // host read: the loss, once per validation batch
                    sum += (batch.conditioned() ? conditionedLoss(scope, pred, batch, truth) : predictionLoss(pred, truth)).getFloat();
                }
            }
        } finally {
            JniUtils.setGradMode(grad);
        }
        return sum / batches;
    }

    /** The official MSE + L1, plus the rain-rate term when it is asked for. */
    private NDArray predictionLoss(NDArray prediction, NDArray truth) {
        NDArray loss = mseL1(prediction, truth);
        if (settings.rainRateLossWeight() > 0) {
            NDArray d = rainRate.of(prediction).sub(rainRate.of(truth));
            loss = loss.add(d.square().mean().mul(GraphScalar.of(d, settings.rainRateLossWeight())));
        }
        return loss;
    }

    /**
     * The loss of an advection-conditioned network: its forecast is the extrapolation plus the mean
     * of its output channels, clamped to [0, 1] as the nowcaster clamps it; MSE + L1 (and the
     * rain-rate and threshold terms when asked for) over the pixels where the truth has data.
     */
    private NDArray conditionedLoss(NDManager scope, NDArray output, Batch batch, NDArray truth) {
        Shape shape = new Shape(batch.targetShape());
        // device: the scope is a sub-manager of the model's manager, on its device (both lines)
        NDArray base = scope.create(batch.base(), shape);
        // device: as above
        NDArray mask = scope.create(batch.mask(), shape);
        NDArray forecast = output.mean(new int[] {2}).add(base).clip(0f, 1f);
        NDArray valid = mask.sum().add(GraphScalar.of(mask, 1f));
        NDArray d = forecast.sub(truth).mul(mask);
        NDArray loss = d.square().sum().add(absolute(d)).div(valid);
        if (settings.rainRateLossWeight() > 0) {
            NDArray r = rainRate.of(forecast).sub(rainRate.of(truth)).mul(mask);
            loss = loss.add(r.square().sum().div(valid).mul(GraphScalar.of(r, settings.rainRateLossWeight())));
        }
        if (thresholdLoss != null && settings.thresholdLossWeight() > 0) {
            loss = loss.add(thresholdLoss.csi(forecast, truth, mask).mul(GraphScalar.of(forecast, settings.thresholdLossWeight())));
        }
        if (thresholdLoss != null && settings.areaLossWeight() > 0) {
            loss = loss.add(thresholdLoss.area(forecast, truth, mask).mul(GraphScalar.of(forecast, settings.areaLossWeight())));
        }
        return loss;
    }

    /**
     * The sum of |d| (the official L1, which forecasts the median), or with {@code --quantile q} the
     * pinball loss of quantile q, times 2 so that q = 0.5 is exactly |d|: above 0.5 it forecasts a
     * higher quantile, i.e. rain where it is likely rather than more likely than not.
     */
    private NDArray absolute(NDArray forecastMinusTruth) {
        float q = settings.quantile();
        if (q == 0.5f) {
            return forecastMinusTruth.abs().sum();
        }
        // 2 * pinball(truth - forecast) = 2q * relu(truth - forecast) + 2(1 - q) * relu(forecast - truth)
        NDArray under = forecastMinusTruth.neg().maximum(GraphScalar.of(forecastMinusTruth, 0f)).sum()
                .mul(GraphScalar.of(forecastMinusTruth, 2 * q));
        NDArray over = forecastMinusTruth.maximum(GraphScalar.of(forecastMinusTruth, 0f)).sum()
                .mul(GraphScalar.of(forecastMinusTruth, 2 * (1 - q)));
        return under.add(over);
    }

    private static NDArray mseL1(NDArray prediction, NDArray truth) {
        NDArray d = prediction.sub(truth);
        return d.square().mean().add(d.abs().mean());
    }

    void writeCheckpoint(Path dir) throws IOException {
        writeArtifact(dir);
        SafeTensors.write(dir.resolve(OPTIMIZER_FILE), optimizer.export(), Map.of("optimizer", "adam"));
        ObjectNode state = JSON.createObjectNode();
        state.put("mode", settings.mode().name());
        state.put("step", step);
        state.put("optimizer_steps", optimizer.steps());
        state.put("seed", settings.seed());
        state.put("compute_seconds", computeSeconds);
        state.put("compute_samples", computeSamples);
        ArrayNode tl = state.putArray("train_loss");
        history.train().forEach(p -> tl.addArray().add(p.step()).add(p.loss()));
        ArrayNode vl = state.putArray("validation_loss");
        history.validation().forEach(p -> vl.addArray().add(p.step()).add(p.loss()));
        JSON.writeValue(dir.resolve(STATE_FILE).toFile(), state);
        LossCurve.write(history, "GS2PM " + settings.mode().label() + " " + model.config().describe(),
                settings.outputDir().resolve("loss-curve.png"));
        LOG.info("checkpoint at step {}: {}", step, dir);
    }

    private void writeArtifact(Path dir) throws IOException {
        ObjectNode provenance = provenance();
        String notes = String.format(Locale.ROOT, "%s, %d steps of batch %d, lr %s, seed %d; details in %s", settings.mode().label(), step,
                train.batchSize(), settings.learningRate(), settings.seed(), PROVENANCE_FILE);
        Gs2pmArtifact.Config config = Gs2pmArtifact.Config.of(model.config(), settings.mode().label() + "-step-" + step, "radar",
                scaling.main(), new Gs2pmArtifact.Provenance("nowcast train " + settings.mode().label(),
                        java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(), notes), scaling.others());
        Gs2pmArtifact.write(dir, model, config);
        JSON.writeValue(dir.resolve(PROVENANCE_FILE).toFile(), provenance);
    }

    private ObjectNode provenance() {
        ObjectNode p = JSON.createObjectNode();
        p.put("mode", settings.mode().label());
        p.put("steps", step);
        p.put("batch_size", train.batchSize());
        p.put("learning_rate", settings.learningRate());
        p.put("learning_rate_schedule", settings.cosineDecay() ? "cosine" : "constant");
        p.put("rain_rate_loss", settings.rainRateLossWeight());
        p.put("csi_loss", settings.thresholdLossWeight());
        p.put("area_loss", settings.areaLossWeight());
        p.put("quantile", settings.quantile());
        if (settings.thresholdLossWeight() > 0 || settings.areaLossWeight() > 0) {
            ArrayNode dbz = p.putArray("csi_loss_dbz");
            for (float t : settings.thresholdLossDbz()) {
                dbz.add(t);
            }
        }
        p.put("clip_norm", settings.clipNorm());
        p.put("seed", settings.seed());
        p.put("batch_norm_statistics", settings.batchNormStatistics());
        p.put("samples_per_second", Math.round(throughput() * 1000) / 1000.0);
        p.put("compute_seconds", Math.round(computeSeconds));
        p.put("final_train_loss", history.recentTrainMean(50));
        if (!history.validation().isEmpty()) {
            p.put("final_validation_loss", history.validation().get(history.validation().size() - 1).loss());
        }
        if (dataDescription != null) {
            p.set("data", dataDescription);
        }
        return p;
    }

    /** Releases the optimizer state (the model stays open; its owner closes it). */
    public void close() {
        stateManager.close();
    }

    /** Also used by tests: the network's trainable tensors as host copies. */
    static Map<String, float[]> snapshot(Gs2pmNetwork network) {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (NamedTensor t : network.exportStateDict()) {
            out.put(t.name(), t.toFloats());
        }
        return out;
    }
}
