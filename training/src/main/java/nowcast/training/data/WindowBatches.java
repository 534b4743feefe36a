package nowcast.training.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Draws batches from one or more {@link WindowSource}s, pooled: every epoch visits each window
 * once in an order shuffled with {@code (seed, epoch)}, and batch {@code step} always holds the
 * same windows with the same augmentation, so a resumed run sees exactly the data it would have
 * seen without the interruption. Augmentation (optional) applies one of the 8 flips/rotations
 * of the square to all frames of a window.
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
    private long cachedEpoch = -1;
    private int[] order;

    public WindowBatches(List<WindowSource> sources, int batchSize, int inputFrames, int outputFrames, int channels,
                         long seed, boolean shuffle, boolean augment) {
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
    public synchronized Batch batch(long step) {
        int frames = inputFrames + outputFrames;
        int plane = side * side;
        float[] input = new float[batchSize * inputFrames * channels * plane];
        float[] target = new float[batchSize * outputFrames * channels * plane];
        for (int j = 0; j < batchSize; j++) {
            long global = step * batchSize + j;
            long epoch = global / total;
            int position = (int) (global % total);
            int index = orderOf(epoch)[position];
            float[][] window = window(index);
            if (window.length < frames) {
                throw new IllegalStateException("window " + index + " has " + window.length + " frames, need " + frames);
            }
            int transform = augment ? new Random(seed * 7_919L + global).nextInt(8) : 0;
            for (int t = 0; t < frames; t++) {
                float[] field = Dihedral.apply(window[t], side, transform);
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

    private float[][] window(int index) {
        int i = index;
        for (WindowSource s : sources) {
            if (i < s.size()) {
                return s.window(i);
            }
            i -= s.size();
        }
        throw new IndexOutOfBoundsException("window " + index + " of " + total);
    }
}
