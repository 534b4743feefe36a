package nowcast.app.train;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import nowcast.model.gs2pm.Gs2pmConfig;
import nowcast.model.gs2pm.Gs2pmModel;
import nowcast.app.device.DeviceOption;
import nowcast.app.model.NetworkSizeOptions;
import nowcast.model.gs2pm.Gs2pmArtifact;
import nowcast.training.data.FieldScaler;
import nowcast.training.jobs.TrainingMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code nowcast train pretrain}: MS2Pv3 pre-training (prediction + masked reconstruction). */
@Command(name = "pretrain", mixinStandardHelpOptions = true,
        description = "Pre-train GS2PM: loss = MSE+L1 of the prediction + MSE+L1 of the masked reconstruction (docs/spec/gs2pm.md section 10).")
public final class PretrainCommand implements Callable<Integer> {

    @Mixin
    TrainingOptions options;

    @Mixin
    NetworkSizeOptions sizes;

    @Mixin
    DeviceOption device;

    @Option(names = "--simmim-mask", description = "Zero the selected 60 % of patches (SimMIM convention) instead of the official keep-selected mask.")
    boolean simmimMask;

    @Option(names = "--residual", description = "The network predicts increments over the last input frame (artifact output 'increment-over-last-input'); it starts as persistence (zero readout).")
    boolean residual;

    @Option(names = "--prediction-only", description = "Train on the prediction loss alone, without the masked-reconstruction branch (its decoder target conflicts with a --residual network's).")
    boolean predictionOnly;

    @Option(names = "--advection-conditioned", description = "Train the advection-conditioned GS2PM (docs/model.md): it reads the observed frames and their extrapolation and learns a correction to the extrapolation (artifact mode 'advection-conditioned'); it starts as the extrapolation (zero readout) and is trained on its prediction alone.")
    boolean advectionConditioned;

    @Option(names = "--init-from", paramLabel = "ARTIFACT", description = "Continue pre-training from a model artifact instead of Xavier initialisation.")
    Path initFrom;

    @Override
    public Integer call() throws Exception {
        if (device.unavailable()) {
            return 1;
        }
        Gs2pmModel model;
        FieldScaler scaling;
        if (initFrom != null) {
            Gs2pmArtifact a = Gs2pmArtifact.open(initFrom);
            model = a.load(device.single());
            scaling = TuneCommand.scalerOf(a);
        } else {
            Gs2pmConfig.Builder b = sizes.builder();
            b.officialMask(!simmimMask).residual(residual)
                    .mode(advectionConditioned ? Gs2pmConfig.Mode.ADVECTION_CONDITIONED : Gs2pmConfig.Mode.OFFICIAL);
            model = Gs2pmModel.randomlyInitialised(b.build(), options.seed, device.single());
            model.network().applyXavierInitialisation(options.seed);
            scaling = FieldScaler.radarDefault();
        }
        try (model) {
            boolean predictionAlone = predictionOnly || model.config().advectionConditioned();
            return TrainingRun.execute(options, predictionAlone ? TrainingMode.SCRATCH : TrainingMode.PRETRAIN, true, model, scaling);
        }
    }
}
