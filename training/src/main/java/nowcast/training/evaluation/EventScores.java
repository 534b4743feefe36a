package nowcast.training.evaluation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import nowcast.frame.Quantity;
import nowcast.scoring.Contingency;

/**
 * The scores of one method on one event: per lead, plus the "avg" row, the plain mean of each
 * per-lead value over the leads (for CSI, POD and FAR the mean of the per-lead ratios, leaving out
 * leads where the ratio is undefined). {@code predictMillisPerWindow} is the wall time the nowcaster
 * took per window (the batch time divided by its windows), for reference only.
 */
public record EventScores(String method, String event, Quantity quantity, float[] thresholds, Duration cadence,
                          int windows, List<LeadScore> leads, double predictMillisPerWindow) {

    public EventScores {
        thresholds = thresholds.clone();
        leads = List.copyOf(leads);
    }

    public LeadScore lead(int lead) {
        return leads.get(lead - 1);
    }

    public double meanMse() {
        return mean(leads.stream().mapToDouble(LeadScore::mse).toArray());
    }

    public double meanMae() {
        return mean(leads.stream().mapToDouble(LeadScore::mae).toArray());
    }

    public double meanSsim() {
        return mean(leads.stream().mapToDouble(LeadScore::ssim).toArray());
    }

    public double meanCsi(int threshold) {
        return mean(leads.stream().mapToDouble(l -> l.contingencies().get(threshold).csi()).toArray());
    }

    public double meanPod(int threshold) {
        return mean(leads.stream().mapToDouble(l -> l.contingencies().get(threshold).pod()).toArray());
    }

    public double meanFar(int threshold) {
        return mean(leads.stream().mapToDouble(l -> l.contingencies().get(threshold).far()).toArray());
    }

    /** One row per lead and threshold, then the "avg" rows. */
    public List<MetricsRow> rows() {
        List<MetricsRow> out = new ArrayList<>();
        long minutes = cadence.toMinutes();
        for (LeadScore l : leads) {
            for (int j = 0; j < thresholds.length; j++) {
                Contingency c = l.contingencies().get(j);
                out.add(new MetricsRow(method, event, Integer.toString(l.lead()), (int) (l.lead() * minutes), l.mse(),
                        l.mae(), l.ssim(), thresholds[j], c.csi(), c.pod(), c.far()));
            }
        }
        for (int j = 0; j < thresholds.length; j++) {
            out.add(new MetricsRow(method, event, "avg", null, meanMse(), meanMae(), meanSsim(), thresholds[j],
                    meanCsi(j), meanPod(j), meanFar(j)));
        }
        return out;
    }

    private static double mean(double[] values) {
        double sum = 0;
        int n = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }
}
