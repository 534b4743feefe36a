package nowcast.app.model;

import java.nio.file.Path;
import java.util.Map;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import nowcast.app.device.DeviceOption;
import nowcast.model.Nowcaster;
import nowcast.model.NowcasterOptions;
import nowcast.model.NowcasterSelection;

/**
 * {@code --artifact} and {@code --device}: the model a command's nowcasters use (default: the one shipped in
 * the jar) and where it runs. Every command that picks nowcasters by name builds them here, through the one
 * selection policy ({@link NowcasterSelection}: {@code auto}, fallback, unknown names).
 */
public final class ModelOptions {

    @Option(names = "--artifact",
            description = "GS2PM model artifact directory (default: the model shipped in the jar).")
    Path artifact;

    @Mixin
    DeviceOption device;

    /** The artifact as given, else the shipped model's folder, else null. */
    public Path artifactOrShipped() {
        return ShippedModel.orShipped(artifact).orElse(null);
    }

    public DeviceOption device() {
        return device;
    }

    /** Options with the artifact (or the shipped model) and the device, for {@code outputFrames} and {@code settings}. */
    public NowcasterOptions options(int outputFrames, Map<String, String> settings) {
        return device.applyTo(new NowcasterOptions(artifactOrShipped(), outputFrames, settings));
    }

    /** The selected nowcaster, predicting ten frames. */
    public Nowcaster open(NowcasterSelection selection) {
        return selection.open(options(NowcasterOptions.defaults().outputFrames(), Map.of()));
    }
}
