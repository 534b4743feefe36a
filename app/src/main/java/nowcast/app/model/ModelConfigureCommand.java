package nowcast.app.model;

import java.nio.file.Path;

import nowcast.model.gs2pm.Gs2pmArtifact;
import nowcast.model.gs2pm.Gs2pmModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code nowcast model configure}: changes how forecasts of an artifact are post-processed. */
@Command(name = "configure", mixinStandardHelpOptions = true,
        description = "Set an artifact's forecast post-processing (weights unchanged; its hash, and so the forecasts' model identity, changes).")
public final class ModelConfigureCommand extends ReportingCommand {

    @Option(names = "--artifact", required = true, description = "model artifact directory to rewrite")
    Path artifact;

    @Option(names = "--postprocess", required = true, paramLabel = "NAME",
            description = "none, or probability-matching: every forecast frame takes the value distribution of the window's last observation, placed in the order of the network's output")
    String postprocess;

    @Override
    void execute() throws Exception {
        Gs2pmArtifact before = Gs2pmArtifact.open(artifact);
        Gs2pmArtifact.Config config = before.config().withPostprocess(postprocess);
        Gs2pmArtifact after;
        try (Gs2pmModel model = before.load()) {
            after = Gs2pmArtifact.write(artifact, model, config);
        }
        System.out.printf("%s: postprocess %s; hash %s -> %s%n", artifact, Gs2pmArtifact.checkPostprocess(config.postprocess()),
                before.hash().substring(0, 12), after.hash().substring(0, 12));
    }
}
