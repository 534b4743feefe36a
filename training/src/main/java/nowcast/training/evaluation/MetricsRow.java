package nowcast.training.evaluation;

/**
 * One line of {@code metrics.csv}: the scores of one method, event, lead and threshold. {@code lead}
 * is {@code "1".."10"} or {@code "avg"} (the mean over leads, where {@code leadMinutes} is null).
 */
public record MetricsRow(String method, String event, String lead, Integer leadMinutes, double mse, double mae,
                         double ssim, float threshold, double csi, double pod, double far) {
}
