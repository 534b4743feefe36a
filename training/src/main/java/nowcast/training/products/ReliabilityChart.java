package nowcast.training.products;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

import nowcast.products.ProbabilityScores;

/**
 * Reliability diagrams: for each method and event, observed frequency against mean forecast
 * probability per probability bin, one line per threshold (all leads pooled), with the diagonal of
 * perfect reliability. Bins with fewer than 100 forecasts are left out.
 */
final class ReliabilityChart {

    private static final int SIZE = 420;
    private static final int MIN_COUNT = 100;

    private ReliabilityChart() {
    }

    static void write(Path png, List<EventProductScores> all) throws IOException {
        List<XYChart> charts = new ArrayList<>();
        for (EventProductScores s : all) {
            XYChart chart = new XYChartBuilder().width(SIZE).height(SIZE).title(s.method() + " " + s.event())
                    .xAxisTitle("forecast probability").yAxisTitle("observed frequency").build();
            chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
            chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0);
            chart.getStyler().setMarkerSize(5);
            chart.addSeries("perfect", new double[] {0, 1}, new double[] {0, 1}).setMarker(
                    org.knowm.xchart.style.markers.SeriesMarkers.NONE);
            for (int t = 0; t < s.thresholds().length; t++) {
                ProbabilityScores p = EventProductScores.pooled(s.calibrated()[t]);
                List<Double> x = new ArrayList<>();
                List<Double> y = new ArrayList<>();
                for (int b = 0; b < ProbabilityScores.BINS; b++) {
                    if (p.binCount(b) >= MIN_COUNT) {
                        x.add(p.binMeanProbability(b));
                        y.add(p.binObservedFrequency(b));
                    }
                }
                if (!x.isEmpty()) {
                    String thr = s.thresholds()[t] == Math.rint(s.thresholds()[t])
                            ? Long.toString((long) s.thresholds()[t]) : Float.toString(s.thresholds()[t]);
                    chart.addSeries(">= " + thr + " " + s.quantity().unit(), x, y);
                }
            }
            charts.add(chart);
        }
        int cols = Math.min(3, Math.max(1, charts.size()));
        int rows = (charts.size() + cols - 1) / cols;
        while (charts.size() < rows * cols) {
            charts.add(new XYChartBuilder().width(SIZE).height(SIZE).build());
        }
        BitmapEncoder.saveBitmap(charts, rows, cols, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
