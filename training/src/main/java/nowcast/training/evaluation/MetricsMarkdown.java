package nowcast.training.evaluation;

import java.util.List;
import java.util.Locale;

import nowcast.scoring.Contingency;

/**
 * The evaluation table in the layout of docs/spec/evaluation-protocol.md (leads 5, 30 and 50 minutes and the
 * mean over leads; MSE and MAE x1e3), so that a run can be compared with the reference at a glance.
 * Every lead is in {@code metrics.csv}.
 */
public final class MetricsMarkdown {

    private static final int[] SHOWN_LEADS = {1, 6, 10};

    private MetricsMarkdown() {
    }

    public static String table(List<EventScores> results) {
        int thresholds = results.stream().mapToInt(r -> r.thresholds().length).max().orElse(0);
        StringBuilder sb = new StringBuilder("| method | event | lead | MSE x1e3 | MAE x1e3 | SSIM |");
        StringBuilder rule = new StringBuilder("|---|---|---|---|---|---|");
        for (int j = 0; j < thresholds; j++) {
            sb.append(" CSI thr").append(j + 1).append(" |");
            rule.append("---|");
        }
        sb.append('\n').append(rule).append('\n');
        for (EventScores s : results) {
            for (int lead : SHOWN_LEADS) {
                if (lead > s.leads().size()) {
                    continue;
                }
                LeadScore l = s.lead(lead);
                row(sb, s.method(), s.event(), lead * s.cadence().toMinutes() + " min", l.mse(), l.mae(), l.ssim());
                for (Contingency c : l.contingencies()) {
                    sb.append(' ').append(fixed(c.csi(), 3)).append(" |");
                }
                sb.append('\n');
            }
            row(sb, s.method(), s.event(), "avg", s.meanMse(), s.meanMae(), s.meanSsim());
            for (int j = 0; j < s.thresholds().length; j++) {
                sb.append(' ').append(fixed(s.meanCsi(j), 3)).append(" |");
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** The thresholds of each event, for the caption under the table. */
    public static String thresholdNote(List<EventScores> results) {
        StringBuilder sb = new StringBuilder("Thresholds:");
        results.stream().map(s -> s.event() + " " + thresholdList(s)).distinct()
                .forEach(t -> sb.append(' ').append(t).append(';'));
        sb.setLength(sb.length() - 1);
        return sb.append('.').toString();
    }

    private static String thresholdList(EventScores s) {
        StringBuilder sb = new StringBuilder();
        for (float t : s.thresholds()) {
            sb.append(sb.length() == 0 ? "" : "/").append(t == Math.rint(t) ? Integer.toString((int) t) : Float.toString(t));
        }
        return sb.append(' ').append(s.quantity().unit()).toString();
    }

    private static void row(StringBuilder sb, String method, String event, String lead, double mse, double mae,
                            double ssim) {
        sb.append("| ").append(method).append(" | ").append(event).append(" | ").append(lead).append(" | ")
                .append(fixed(mse * 1e3, 3)).append(" | ").append(fixed(mae * 1e3, 2)).append(" | ")
                .append(fixed(ssim, 3)).append(" |");
    }

    private static String fixed(double v, int decimals) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
