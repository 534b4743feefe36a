package nowcast.training.data;

/**
 * One training batch in the network's layout. {@code input} is {@code [size, frames, channels, side, side]}
 * row-major. For the official network {@code target} has the same layout (every 1-channel field
 * replicated to the network's channels, docs/spec/gs2pm.md section 8) and {@code base} and {@code mask} are
 * null. For an advection-conditioned network {@code target} is {@code [size, frames, side, side]},
 * {@code base} (same layout) is the extrapolation the network corrects and {@code mask} is 1 where
 * the truth has data and 0 where it has none.
 */
public record Batch(float[] input, float[] target, float[] base, float[] mask, int size, int frames, int channels, int side) {

    public Batch(float[] input, float[] target, int size, int frames, int channels, int side) {
        this(input, target, null, null, size, frames, channels, side);
    }

    public long[] shape() {
        return new long[] {size, frames, channels, side, side};
    }

    public boolean conditioned() {
        return base != null;
    }

    /** The shape of {@code target}, {@code base} and {@code mask}. */
    public long[] targetShape() {
        return conditioned() ? new long[] {size, frames, side, side} : shape();
    }
}
