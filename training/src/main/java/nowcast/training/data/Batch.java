package nowcast.training.data;

/**
 * One training batch in the network's layout: {@code input} and {@code target} are
 * {@code [size, frames, channels, side, side]} row-major, every 1-channel field replicated to the
 * network's channels (GS2PM.md section 8).
 */
public record Batch(float[] input, float[] target, int size, int frames, int channels, int side) {

    public long[] shape() {
        return new long[] {size, frames, channels, side, side};
    }
}
