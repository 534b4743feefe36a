package nowcast.forecast;

/** Queueing, inference (whole batch) and end-to-end times of one forecast, in milliseconds. */
public record Timings(double queueMillis, double inferenceMillis, double endToEndMillis, int batchSize) {
}
