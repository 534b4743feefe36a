package nowcast.model.gs2pm;

import java.util.Random;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * The random patch mask of the reconstruction branch (docs/spec/gs2pm.md section 7): an 8x8 grid of 16x16
 * patches, ceil(64*0.6) = 39 patches selected per call, one mask shared by every frame, sample and
 * channel. The official code keeps the selected patches (value 1) and zeroes the rest, the
 * opposite of what its naming suggests; {@code keepSelected=false} gives the SimMIM convention
 * (selected patches zeroed).
 */
public final class MaskGenerator {

    private final int image;
    private final int patch;
    private final double ratio;
    private final boolean keepSelected;

    public MaskGenerator(int image, int patch, double ratio, boolean keepSelected) {
        if (image % patch != 0) {
            throw new IllegalArgumentException("mask: image size " + image + " is not a multiple of patch " + patch);
        }
        if (ratio < 0 || ratio > 1) {
            throw new IllegalArgumentException("mask: ratio must be in [0, 1], got " + ratio);
        }
        this.image = image;
        this.patch = patch;
        this.ratio = ratio;
        this.keepSelected = keepSelected;
    }

    public static MaskGenerator official() {
        return new MaskGenerator(128, 16, 0.6, true);
    }

    /** A fresh [image, image] mask of 0/1 values, row-major. */
    public float[] draw(Random random) {
        int grid = image / patch;
        int count = grid * grid;
        int selected = (int) Math.ceil(count * ratio);
        int[] perm = new int[count];
        for (int i = 0; i < count; i++) {
            perm[i] = i;
        }
        for (int i = count - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        float[] cell = new float[count];
        float off = keepSelected ? 0f : 1f;
        java.util.Arrays.fill(cell, off);
        for (int i = 0; i < selected; i++) {
            cell[perm[i]] = 1f - off;
        }
        float[] mask = new float[image * image];
        for (int r = 0; r < image; r++) {
            for (int c = 0; c < image; c++) {
                mask[r * image + c] = cell[(r / patch) * grid + c / patch];
            }
        }
        return mask;
    }

    /** The mask as a [1, 1, image, image] array on {@code device} (drawn on the host, copied once). */
    NDArray drawArray(NDManager manager, Device device, Random random) {
        return manager.create(draw(random), new Shape(1, 1, image, image)).toDevice(device, false);
    }
}
