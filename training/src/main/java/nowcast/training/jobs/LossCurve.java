package nowcast.training.jobs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Writes the training and validation loss against the step as a PNG (XChart, headless). */
public final class LossCurve {

    private LossCurve() {
    }

    public static void write(LossHistory history, String title, Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(900).height(500).title(title).xAxisTitle("step").yAxisTitle("loss").build();
        // XChart labels a logarithmic axis at powers of ten only: losses within one decade would get no labels
        List<LossHistory.Point> train = history.train();
        List<LossHistory.Point> validation = history.validation();
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (List<LossHistory.Point> ps : List.of(train, validation)) {
            for (LossHistory.Point p : ps) {
                if (p.loss() > 0 && Double.isFinite(p.loss())) {
                    lo = Math.min(lo, p.loss());
                    hi = Math.max(hi, p.loss());
                }
            }
        }
        chart.getStyler().setYAxisLogarithmic(hi > 0 && hi / lo >= 10);
        chart.getStyler().setYAxisDecimalPattern("0.#####");
        chart.getStyler().setMarkerSize(5);
        addSeries(chart, "train", smooth(train), SeriesMarkers.NONE);
        addSeries(chart, "validation", validation, SeriesMarkers.CIRCLE);
        String file = png.toString();
        BitmapEncoder.saveBitmap(chart, file.endsWith(".png") ? file.substring(0, file.length() - 4) : file,
                BitmapEncoder.BitmapFormat.PNG);
    }

    private static void addSeries(XYChart chart, String name, List<LossHistory.Point> points, org.knowm.xchart.style.markers.Marker marker) {
        if (points.isEmpty()) {
            return;
        }
        double[] x = new double[points.size()];
        double[] y = new double[points.size()];
        for (int i = 0; i < points.size(); i++) {
            x[i] = points.get(i).step();
            y[i] = Math.max(1e-9, points.get(i).loss());
        }
        XYSeries s = chart.addSeries(name, x, y);
        s.setMarker(marker);
    }

    /** A running mean over 20 steps, so the curve shows the trend and not the batch-to-batch noise. */
    private static List<LossHistory.Point> smooth(List<LossHistory.Point> points) {
        int window = 20;
        java.util.ArrayList<LossHistory.Point> out = new java.util.ArrayList<>();
        double sum = 0;
        for (int i = 0; i < points.size(); i++) {
            sum += points.get(i).loss();
            if (i >= window) {
                sum -= points.get(i - window).loss();
            }
            out.add(new LossHistory.Point(points.get(i).step(), sum / Math.min(i + 1, window)));
        }
        return out;
    }
}
