package nowcast.model.gs2pm;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import nowcast.frame.PhysicalField;
import nowcast.frame.Quantity;
import nowcast.model.InputWindow;

/** A randomly initialised small GS2PM (10 frames, narrow widths) written as an artifact, and windows to feed it. */
final class SmallArtifacts {

    static final Gs2pmConfig CONFIG = Gs2pmConfig.builder().hidS(8).hidT(16).nS(4).nT(3).frames(10).build();

    private SmallArtifacts() {
    }

    static Gs2pmArtifact write(Path dir, Quantity quantity, long seed) throws IOException {
        try (Gs2pmModel model = Gs2pmModel.randomlyInitialised(CONFIG, seed)) {
            return Gs2pmArtifact.write(dir, model, "test-" + seed, quantity.name().toLowerCase(), Normalisation.defaultFor(quantity),
                    new Gs2pmArtifact.Provenance("random init, seed " + seed, "2026-11-26", null));
        }
    }

    static InputWindow window(String source, Quantity q, int channels, long seed) {
        Random r = new Random(seed);
        List<PhysicalField> frames = new ArrayList<>();
        for (int t = 0; t < 10; t++) {
            float[] v = new float[128 * 128 * channels];
            for (int i = 0; i < v.length; i++) {
                v[i] = q == Quantity.VISIBLE ? r.nextFloat() : (float) (r.nextFloat() * r.nextFloat() * 40);
            }
            v[17] = Float.NaN;
            frames.add(new PhysicalField(q, 128, 128, channels, v));
        }
        return new InputWindow(source, frames, Duration.ofMinutes(5));
    }
}
