package nowcast.predictor.window;

/** One frame time held for a source; {@code interpolated} marks a frame filled in rather than observed. */
public record FrameSlot(long timeMillis, boolean interpolated) {
}
