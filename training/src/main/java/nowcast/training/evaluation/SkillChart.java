package nowcast.training.evaluation;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * A PNG with, for each event, CSI at the first threshold and MSE (normalised, x1e3) against lead
 * time, one line per method: one row of two charts per event.
 */
public final class SkillChart {

    private static final int WIDTH = 560;
    private static final int HEIGHT = 380;

    private SkillChart() {
    }

    public static void write(Path png, List<EventScores> results) throws IOException {
        Set<String> events = new LinkedHashSet<>();
        results.forEach(r -> events.add(r.event()));
        List<XYChart> charts = new ArrayList<>();
        for (String event : events) {
            List<EventScores> ofEvent = results.stream().filter(r -> r.event().equals(event)).toList();
            String threshold = ofEvent.get(0).thresholds()[0] + " " + ofEvent.get(0).quantity().unit();
            XYChart csi = chart(event + ": CSI at " + threshold, "CSI");
            XYChart mse = chart(event + ": MSE (normalised)", "MSE x1e3");
            for (EventScores s : ofEvent) {
                int n = s.leads().size();
                double[] minutes = new double[n];
                double[] csiValues = new double[n];
                double[] mseValues = new double[n];
                for (int k = 0; k < n; k++) {
                    LeadScore l = s.leads().get(k);
                    minutes[k] = l.lead() * s.cadence().toMinutes();
                    csiValues[k] = l.contingencies().get(0).csi();
                    mseValues[k] = l.mse() * 1e3;
                }
                csi.addSeries(s.method(), minutes, csiValues);
                mse.addSeries(s.method(), minutes, mseValues);
            }
            charts.add(csi);
            charts.add(mse);
        }
        BitmapEncoder.saveBitmap(charts, events.size(), 2, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static XYChart chart(String title, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle("lead (min)")
                .yAxisTitle(yTitle).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setMarkerSize(5);
        return chart;
    }
}
