package nowcast.app.train;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import java.util.ArrayList;
import java.util.List;

import nowcast.app.device.DeviceOption;
import nowcast.model.extrapolation.ExtrapolationSettings;
import nowcast.model.gs2pm.Gs2pmArtifact;
import nowcast.model.gs2pm.Gs2pmModel;
import nowcast.model.gs2pm.Normalisation;
import nowcast.training.data.FieldScaler;
import nowcast.training.jobs.TrainingMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code nowcast train tune}: visual-prompt tuning or full fine-tuning of a trained artifact. */
@Command(name = "tune", mixinStandardHelpOptions = true,
        description = "Tune a trained GS2PM on new data: --mode prompt (only the four prompt tensors) or --mode full (all weights).")
public final class TuneCommand implements Callable<Integer> {

    /** The two tuning modes of the CLI. */
    enum Mode { prompt, full }

    @Mixin
    TrainingOptions options;

    @Mixin
    DeviceOption device;

    @Option(names = "--model", required = true, paramLabel = "ARTIFACT", description = "The model artifact folder to start from.")
    Path modelDir;

    @Option(names = "--mode", defaultValue = "prompt", description = "prompt or full. Default: ${DEFAULT-VALUE}.")
    Mode mode;

    @Option(names = "--bn-drift", description = "Prompt mode: let the BatchNorm running statistics follow the new data, as the official code does (default: frozen).")
    boolean bnDrift;

    @Override
    public Integer call() throws Exception {
        if (device.unavailable()) {
            return 1;
        }
        Gs2pmArtifact artifact = Gs2pmArtifact.open(modelDir);
        if (artifact.config().network().advectionConditioned() && !ExtrapolationSettings.defaults().equals(artifact.config().extrapolation())) {
            // training feeds the network the default extrapolation and records it in every checkpoint
            throw new IllegalArgumentException(modelDir + " was trained on an extrapolation with other settings ("
                    + artifact.config().extrapolation() + ") than the defaults (" + ExtrapolationSettings.defaults()
                    + "); tuning it is not supported");
        }
        try (Gs2pmModel model = artifact.load(device.single())) {
            TrainingMode m = mode == Mode.prompt ? TrainingMode.PROMPT : TrainingMode.FULL;
            boolean bnStatistics = m == TrainingMode.FULL || bnDrift;
            return TrainingRun.execute(options, m, bnStatistics, model, scalerOf(artifact));
        }
    }

    /** The artifact's normalisation rules, main one first: training keeps using them. */
    static FieldScaler scalerOf(Gs2pmArtifact artifact) {
        List<Normalisation> rules = new ArrayList<>();
        rules.add(artifact.config().normalisation());
        if (artifact.config().otherNormalisations() != null) {
            rules.addAll(artifact.config().otherNormalisations());
        }
        return new FieldScaler(rules);
    }
}
