package nowcast.app.model;

import java.util.Locale;

import nowcast.model.gs2pm.Gs2pmComplexity;
import nowcast.model.gs2pm.Gs2pmConfig;
import nowcast.model.gs2pm.Gs2pmNetwork;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code nowcast model info}: parameter counts and compute of a scale, without allocating its weights. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Print the parameter counts (paper convention and all trainable) and MACs per sample of a GS2PM scale.")
public final class ModelInfoCommand extends ReportingCommand {

    @Mixin
    NetworkSizeOptions sizes;

    @Option(names = "--frames", defaultValue = "10", description = "input = output frames T (default: ${DEFAULT-VALUE})")
    int frames;

    @Override
    void execute() throws Exception {
        Gs2pmConfig c = sizes.builder().frames(frames).build();
        Gs2pmNetwork net = new Gs2pmNetwork(c);
        long macs = Gs2pmComplexity.predictionMacs(c);
        System.out.println("GS2PM " + c.describe());
        System.out.printf(Locale.ROOT, "parameters (paper convention, no prompt/gammas): %,d%n", net.paperParameterCount());
        System.out.printf(Locale.ROOT, "parameters (all trainable):                      %,d%n", net.trainableParameterCount());
        System.out.printf(Locale.ROOT, "state_dict entries:                              %d%n", net.stateDictShapes().size());
        System.out.printf(Locale.ROOT, "MACs per sample (prediction, %d frames 3x%dx%d): %.2f G (= %.2f GFLOP)%n",
                c.frames(), c.imageSize(), c.imageSize(), macs / 1e9, 2 * macs / 1e9);
        System.out.printf(Locale.ROOT, "MACs added by the reconstruction branch:         %.2f G%n", Gs2pmComplexity.reconstructionMacs(c) / 1e9);
    }
}
