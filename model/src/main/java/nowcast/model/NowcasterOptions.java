package nowcast.model;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a nowcaster needs to be built, independent of its kind: an optional model artifact
 * directory, the number of frames to predict, and free-form named settings for the kind
 * (for example {@code precision=fp32} for GS2PM). Unknown settings are ignored by kinds that
 * do not use them.
 */
public record NowcasterOptions(Path artifact, int outputFrames, Map<String, String> settings) {

    public NowcasterOptions {
        if (outputFrames <= 0) {
            throw new IllegalArgumentException("outputFrames must be positive, got " + outputFrames);
        }
        settings = settings == null ? Map.of() : Map.copyOf(settings);
    }

    /** No artifact, ten output frames, no settings. */
    public static NowcasterOptions defaults() {
        return new NowcasterOptions(null, 10, Map.of());
    }

    public static NowcasterOptions ofArtifact(Path artifact) {
        return new NowcasterOptions(artifact, 10, Map.of());
    }

    public Optional<Path> artifactPath() {
        return Optional.ofNullable(artifact);
    }

    public Optional<String> setting(String key) {
        return Optional.ofNullable(settings.get(key));
    }

    public NowcasterOptions withSetting(String key, String value) {
        Map<String, String> copy = new HashMap<>(settings);
        copy.put(key, value);
        return new NowcasterOptions(artifact, outputFrames, copy);
    }
}
