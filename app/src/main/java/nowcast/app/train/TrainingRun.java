package nowcast.app.train;

import java.nio.file.Path;
import java.util.Locale;

import ai.djl.pytorch.jni.JniUtils;
import nowcast.model.conditioned.AdvectionConditioning;
import nowcast.model.device.DeviceChoice;
import nowcast.model.device.NativeAllocator;
import nowcast.model.extrapolation.ExtrapolationSettings;
import nowcast.model.gs2pm.Gs2pmModel;
import nowcast.training.data.FieldScaler;
import nowcast.training.data.TrainingData;
import nowcast.training.jobs.Gs2pmTrainer;
import nowcast.training.jobs.TrainingMode;
import nowcast.training.jobs.TrainingSettings;

/** What both train commands do once they have a network: load the data, train, report. */
final class TrainingRun {

    private TrainingRun() {
    }

    static int execute(TrainingOptions o, TrainingMode mode, boolean batchNormStatistics, Gs2pmModel model, FieldScaler scaling)
            throws Exception {
        JniUtils.setNumThreads(o.threads);
        System.out.printf(Locale.ROOT, "%s on %s, %d PyTorch threads; malloc: %s%n", mode.label(), DeviceChoice.label(model.device()),
                o.threads, NativeAllocator.describe());
        if (o.data.isEmpty() && o.trainingEvents == null && o.framesTopics.isEmpty() && o.syntheticFeed == null && o.synthetic == 0) {
            throw new IllegalArgumentException("no training data: give --data FORMAT=PATH, --training-events RADAR_DIR, "
                    + "--frames-topic TOPIC, --synthetic-feed SOURCESxFRAMES and/or --synthetic N");
        }
        AdvectionConditioning conditioning = model.config().advectionConditioned()
                ? new AdvectionConditioning(ExtrapolationSettings.defaults().nowcaster(model.config().frames())) : null;
        TrainingData data = TrainingData.build(o.archives(), o.topics(), o.feeds(),
                o.dataOptions(model.config().frames(), model.config().channels(), model.config().imageSize(), conditioning), scaling);
        TrainingSettings settings = o.settings(mode, batchNormStatistics, data.train().batchesPerEpoch());
        Gs2pmTrainer trainer = new Gs2pmTrainer(model, scaling, settings, data.train(), data.validation(), data.description());
        try {
            if (o.resume != null) {
                trainer.resumeFrom(o.resume);
            }
            long t0 = System.nanoTime();
            Path artifact = trainer.run(o.timeLimit);
            System.out.printf(Locale.ROOT, "%s: %d steps, wall %.0f s this run, %.3f samples/s (forward+backward+update), "
                            + "final training loss %.5f%nartifact: %s%s%nloss curve: %s%n", mode.label(), trainer.step(),
                    (System.nanoTime() - t0) / 1e9, trainer.throughput(), trainer.history().recentTrainMean(50), artifact,
                    trainer.best().map(b -> String.format(Locale.ROOT, "%nbest (lowest validation loss): %s", b)).orElse(""),
                    o.output.resolve("loss-curve.png"));
            return 0;
        } finally {
            trainer.close();
        }
    }
}
