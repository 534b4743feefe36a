package nowcast.app.model;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import nowcast.frame.Quantity;
import nowcast.model.gs2pm.Gs2pmArtifact;
import nowcast.model.gs2pm.Gs2pmConfig;
import nowcast.model.gs2pm.Gs2pmModel;
import nowcast.model.gs2pm.Normalisation;
import nowcast.model.weights.NamedTensor;
import nowcast.model.weights.WeightsFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code nowcast model import}: an official checkpoint becomes a model artifact. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Turn an official GS2PM/MS2Pv3 checkpoint (.pth, or .npz/.safetensors) into a model artifact directory.")
public final class ModelImportCommand extends ReportingCommand {

    @Option(names = "--pth", required = true, description = "official checkpoint (torch.save(model.state_dict()); 'module.' prefix allowed)")
    Path pth;

    @Option(names = "--scale", required = true, description = "tiny, medium, large or custom; checked against the tensor shapes")
    String scale;

    @Option(names = "--out", required = true, description = "artifact directory to write")
    Path out;

    @Option(names = "--quantity", defaultValue = "RAIN_RATE", description = "physical quantity of the product (${COMPLETION-CANDIDATES}; default ${DEFAULT-VALUE})")
    Quantity quantity;

    @Option(names = "--product", description = "product name recorded in the config (default: the quantity)")
    String product;

    @Option(names = "--transform", description = "normalisation transform: linear or log1p (default by quantity)")
    String transform;

    @Option(names = "--min", description = "physical value mapped to 0 (default by quantity)")
    Double min;

    @Option(names = "--max", description = "physical value mapped to 1 (default by quantity)")
    Double max;

    @Option(names = "--version", defaultValue = "imported", description = "version recorded in the artifact (default: ${DEFAULT-VALUE})")
    String version;

    @Override
    void execute() throws Exception {
        Map<String, NamedTensor> tensors = WeightsFiles.read(pth);
        Map<String, long[]> shapes = new LinkedHashMap<>();
        tensors.forEach((k, v) -> shapes.put(k, v.shape()));
        Gs2pmConfig inferred = Gs2pmConfig.inferFromShapes(shapes);
        if (!scale.equalsIgnoreCase("custom") && !inferred.scaleName().equalsIgnoreCase(scale)) {
            Gs2pmConfig want = Gs2pmConfig.scale(scale).frames(inferred.frames()).build();
            throw new IllegalArgumentException(pth + " holds " + inferred.describe() + ", not scale " + scale + " " + want.describe()
                    + "; pass --scale " + inferred.scaleName());
        }
        Normalisation d = Normalisation.defaultFor(quantity);
        Normalisation n = new Normalisation(quantity, transform == null ? d.transform() : transform,
                min == null ? d.min() : min, max == null ? d.max() : max);
        try (Gs2pmModel model = Gs2pmModel.withWeights(inferred, tensors, pth.toString())) {
            Gs2pmArtifact a = Gs2pmArtifact.write(out, model, version, product == null ? quantity.name().toLowerCase() : product, n,
                    new Gs2pmArtifact.Provenance("imported from " + pth.toAbsolutePath(), Instant.now().toString(), null));
            System.out.println("wrote artifact " + out + ": GS2PM " + inferred.describe() + ", sha256 " + a.hash());
        }
    }
}
