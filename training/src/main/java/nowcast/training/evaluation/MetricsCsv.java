package nowcast.training.evaluation;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Writes {@code metrics.csv}: columns method, event, lead, lead_min, mse, mae, ssim, thr, csi, pod,
 * far; one row per method, event, lead (1..10, then {@code avg}) and threshold. MSE, MAE and SSIM are
 * on the normalised scale, thresholds in physical units; an undefined value is written {@code nan}
 * and the {@code avg} row has an empty lead_min.
 */
public final class MetricsCsv {

    public static final String HEADER = "method,event,lead,lead_min,mse,mae,ssim,thr,csi,pod,far";

    private MetricsCsv() {
    }

    public static void write(Path file, List<EventScores> results) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(HEADER + "\n");
            for (EventScores scores : results) {
                for (MetricsRow r : scores.rows()) {
                    out.write(String.join(",", r.method(), r.event(), r.lead(),
                            r.leadMinutes() == null ? "" : r.leadMinutes().toString(), number(r.mse()), number(r.mae()),
                            number(r.ssim()), number(r.threshold()), number(r.csi()), number(r.pod()),
                            number(r.far())) + "\n");
                }
            }
        }
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "nan" : String.format(Locale.ROOT, "%.8g", v);
    }
}
