package nowcast.model;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import nowcast.model.extrapolation.ExtrapolationNowcaster;
import nowcast.model.extrapolation.FallbackNowcaster;
import nowcast.model.gs2pm.Gs2pmArtifact;
import nowcast.model.gs2pm.Gs2pmNowcaster;

/**
 * How a command's choice of nowcaster becomes the one that runs, the same for every command:
 * <ul>
 * <li>{@value #AUTO} means GS2PM when the options name a complete model artifact, else extrapolation
 * (said in a warning, with the reason);</li>
 * <li>a fallback other than {@value #NONE} (and other than the primary itself) backs the primary: if the
 * primary cannot be loaded (missing artifact, engine error) or fails on a batch, the fallback answers
 * ({@link FallbackNowcaster});</li>
 * <li>an unknown name is a configuration error, never a reason to fall back.</li>
 * </ul>
 */
public record NowcasterSelection(String name, String fallback) {

    private static final Logger LOG = LoggerFactory.getLogger(NowcasterSelection.class);

    /** GS2PM when there is a model, else extrapolation. */
    public static final String AUTO = "auto";
    /** No fallback. */
    public static final String NONE = "none";

    public NowcasterSelection {
        if (name == null) {
            throw new IllegalArgumentException("a nowcaster name is required");
        }
        fallback = fallback == null ? NONE : fallback;
    }

    /** {@code name} alone, without a fallback. */
    public static NowcasterSelection of(String name) {
        return new NowcasterSelection(name, NONE);
    }

    /** Builds the selected nowcaster from {@code options} (artifact, device and other settings). */
    public Nowcaster open(NowcasterOptions options) {
        String primary = name;
        NowcasterOptions primaryOptions = options;
        if (AUTO.equalsIgnoreCase(name)) {
            Path artifact = options.artifactPath().orElse(null);
            if (isModel(artifact)) {
                primary = Gs2pmNowcaster.NAME;
            } else {
                primary = ExtrapolationNowcaster.NAME;
                primaryOptions = new NowcasterOptions(null, options.outputFrames(), options.settings());
                LOG.warn("{}; the {} nowcaster answers instead (give a model artifact, or import or train a model: "
                        + "see README, 'Models')", artifact == null ? "no GS2PM model: none was given and this build "
                        + "ships none" : "no GS2PM model artifact (" + Gs2pmArtifact.CONFIG_FILE + " and "
                        + Gs2pmArtifact.WEIGHTS_FILE + ") at " + artifact.toAbsolutePath(), primary);
            }
        }
        if (NONE.equalsIgnoreCase(fallback) || fallback.equalsIgnoreCase(primary)
                || !Nowcasters.names().contains(primary.toLowerCase(Locale.ROOT))) {
            return Nowcasters.byName(primary, primaryOptions);
        }
        String loaded = primary;
        NowcasterOptions loadedOptions = primaryOptions;
        Nowcaster backup = Nowcasters.byName(fallback, options);
        return FallbackNowcaster.loading(primary, () -> Nowcasters.byName(loaded, loadedOptions), backup);
    }

    /** Whether {@code dir} holds a model artifact's configuration and weights. */
    public static boolean isModel(Path dir) {
        return dir != null && Files.isRegularFile(dir.resolve(Gs2pmArtifact.CONFIG_FILE))
                && Files.isRegularFile(dir.resolve(Gs2pmArtifact.WEIGHTS_FILE));
    }
}
