package nowcast.training.data;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import nowcast.frame.PhysicalField;
import nowcast.model.InputWindow;
import nowcast.model.conditioned.AdvectionConditioning;
import nowcast.model.gs2pm.Normalisation;

/**
 * Draws batches from one or more {@link WindowSource}s, pooled: every epoch visits each window
 * once in an order shuffled with {@code (seed, epoch)}, and batch {@code step} always holds the
 * same windows with the same augmentation, so a resumed run sees exactly the data it would have
 * seen without the interruption. Augmentation (optional) applies one of the 8 flips/rotations
 * of the square to all frames of a window. Windows are scaled to the network's range here, with
 * the model's {@link FieldScaler}; for an advection-conditioned network ({@code conditioning} not
 * null) the input frames of the (augmented) window first go through {@link AdvectionConditioning},
 * the code the nowcaster runs, and the windows of a batch are prepared in parallel.
 */
public final class WindowBatches {

    private final List<WindowSource> sources;
    private final int total;
    private final int batchSize;
    private final int inputFrames;
    private final int outputFrames;
    private final int channels;
    private final long seed;
    private final boolean augment;
    private final boolean shuffle;
    private final int side;
    private final FieldScaler scaling;
    private final AdvectionConditioning conditioning;
    private long cachedEpoch = -1;
    private int[] order;

    /** Batches for the official network (every field replicated to {@code channels}). */
    public WindowBatches(List<WindowSource> sources, int batchSize, int inputFrames, int outputFrames, int channels,
                         long seed, boolean shuffle, boolean augment, FieldScaler scaling) {
        this(sources, batchSize, inputFrames, outputFrames, channels, seed, shuffle, augment, scaling, null);
    }

    /**
     * @param conditioning null for the official network's layout, or the preparation of an
     *        advection-conditioned network's input (then {@code inputFrames == outputFrames} and
     *        {@code channels} is {@link AdvectionConditioning#CHANNELS})
     */
    public WindowBatches(List<WindowSource> sources, int batchSize, int inputFrames, int outputFrames, int channels,
                         long seed, boolean shuffle, boolean augment, FieldScaler scaling, AdvectionConditioning conditioning) {
        this.sources = List.copyOf(sources);
        int n = 0;
        int s = -1;
        for (WindowSource src : this.sources) {
            n += src.size();
            if (s >= 0 && src.side() != s) {
                throw new IllegalArgumentException("window source " + src.name() + " is " + src.side() + " pixels wide, others "
                        + s);
            }
            s = src.side();
        }
        if (n == 0) {
            throw new IllegalArgumentException("no windows of " + (inputFrames + outputFrames) + " consecutive frames in "
                    + names() + " (sequences too short?)");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        this.total = n;
        this.side = s;
        this.batchSize = batchSize;
        this.inputFrames = inputFrames;
        this.outputFrames = outputFrames;
        this.channels = channels;
        this.seed = seed;
        this.shuffle = shuffle;
        this.augment = augment;
        this.scaling = scaling;
        this.conditioning = conditioning;
        if (conditioning != null && (inputFrames != outputFrames || channels != AdvectionConditioning.CHANNELS)) {
            throw new IllegalArgumentException("an advection-conditioned network reads " + AdvectionConditioning.CHANNELS
                    + " channels and predicts as many frames as it reads, got " + channels + " channels, " + inputFrames + " in, "
                    + outputFrames + " out");
        }
        for (WindowSource src : this.sources) {
            scaling.forQuantity(src.quantity());
        }
    }

    public int windowCount() {
        return total;
    }

    public int batchSize() {
        return batchSize;
    }

    public List<String> names() {
        List<String> out = new ArrayList<>();
        sources.forEach(s -> out.add(s.name() + ": " + s.size() + " windows"));
        return out;
    }

    /** Batches per pass over all windows (the last partial batch wraps into the next epoch). */
    public double batchesPerEpoch() {
        return total / (double) batchSize;
    }

    /** The batch of training step {@code step} (0-based). */
    public Batch batch(long step) {
        int[] indices = new int[batchSize];
        int[] transforms = new int[batchSize];
        synchronized (this) {
            for (int j = 0; j < batchSize; j++) {
                long global = step * batchSize + j;
                indices[j] = orderOf(global / total)[(int) (global % total)];
                transforms[j] = augment ? new Random(seed * 7_919L + global).nextInt(8) : 0;
            }
        }
        return conditioning == null ? official(indices, transforms) : conditioned(indices, transforms);
    }

    /** The window's frames, flipped/rotated, in physical units. */
    private float[][] frames(Located at, int transform) {
        int frames = inputFrames + outputFrames;
        float[][] window = at.source().window(at.index());
        if (window.length < frames) {
            throw new IllegalStateException("window " + at.index() + " of " + at.source().name() + " has " + window.length
                    + " frames, need " + frames);
        }
        float[][] out = new float[frames][];
        for (int t = 0; t < frames; t++) {
            out[t] = Dihedral.apply(window[t], side, transform);
        }
        return out;
    }

    private Batch official(int[] indices, int[] transforms) {
        int plane = side * side;
        float[] input = new float[batchSize * inputFrames * channels * plane];
        float[] target = new float[batchSize * outputFrames * channels * plane];
        for (int j = 0; j < batchSize; j++) {
            Located at = locate(indices[j]);
            Normalisation rule = scaling.forQuantity(at.source().quantity());
            float[][] window = frames(at, transforms[j]);
            for (int t = 0; t < window.length; t++) {
                float[] field = scaled(window[t], rule);
                boolean isInput = t < inputFrames;
                float[] dst = isInput ? input : target;
                int frameIndex = isInput ? t : t - inputFrames;
                int perSample = (isInput ? inputFrames : outputFrames) * channels * plane;
                for (int c = 0; c < channels; c++) {
                    System.arraycopy(field, 0, dst, j * perSample + (frameIndex * channels + c) * plane, plane);
                }
            }
        }
        return new Batch(input, target, batchSize, inputFrames, channels, side);
    }

    private Batch conditioned(int[] indices, int[] transforms) {
        int plane = side * side;
        int t = inputFrames;
        float[] input = new float[batchSize * t * channels * plane];
        float[] target = new float[batchSize * t * plane];
        float[] base = new float[batchSize * t * plane];
        float[] mask = new float[batchSize * t * plane];
        IntStream.range(0, batchSize).parallel().forEach(j -> {
            Located at = locate(indices[j]);
            WindowSource source = at.source();
            Normalisation rule = scaling.forQuantity(source.quantity());
            float[][] window = frames(at, transforms[j]);
            List<PhysicalField> observed = new ArrayList<>(t);
            for (int k = 0; k < t; k++) {
                observed.add(PhysicalField.single(source.quantity(), side, side, window[k]));
            }
            AdvectionConditioning.Conditioned c = conditioning.prepare(
                    new InputWindow(source.name(), observed, Duration.ofMinutes(5)), rule);
            System.arraycopy(c.input(), 0, input, j * t * channels * plane, t * channels * plane);
            System.arraycopy(c.base(), 0, base, j * t * plane, t * plane);
            for (int k = 0; k < t; k++) {
                float[] truth = window[t + k];
                int o = (j * t + k) * plane;
                for (int p = 0; p < plane; p++) {
                    target[o + p] = rule.toModel(truth[p]);
                    mask[o + p] = Float.isNaN(truth[p]) ? 0f : 1f;
                }
            }
        });
        return new Batch(input, target, base, mask, batchSize, t, channels, side);
    }

    private static float[] scaled(float[] physical, Normalisation rule) {
        float[] out = new float[physical.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = rule.toModel(physical[i]);
        }
        return out;
    }

    private int[] orderOf(long epoch) {
        if (epoch != cachedEpoch) {
            order = new int[total];
            for (int i = 0; i < total; i++) {
                order[i] = i;
            }
            if (shuffle) {
                Random r = new Random(seed * 31L + epoch);
                for (int i = total - 1; i > 0; i--) {
                    int k = r.nextInt(i + 1);
                    int tmp = order[i];
                    order[i] = order[k];
                    order[k] = tmp;
                }
            }
            cachedEpoch = epoch;
        }
        return order;
    }

    /** The source that holds pooled window {@code index}, and the window's index inside it. */
    private record Located(WindowSource source, int index) {
    }

    private Located locate(int index) {
        int i = index;
        for (WindowSource s : sources) {
            if (i < s.size()) {
                return new Located(s, i);
            }
            i -= s.size();
        }
        throw new IndexOutOfBoundsException("window " + index + " of " + total);
    }
}
