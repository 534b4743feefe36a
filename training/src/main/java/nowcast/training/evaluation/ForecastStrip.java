package nowcast.training.evaluation;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

import javax.imageio.ImageIO;

import nowcast.frame.PhysicalField;
import nowcast.frame.Quantity;

/**
 * A PNG strip of one example window: the input frames, the truth, then one row per method with its
 * forecast, lead by lead. Rain is drawn on a log scale from 0.1 to 100 mm/h, reflectivity from 10 to
 * 60 dBZ; white is below the scale, grey is no data.
 */
public final class ForecastStrip {

    private static final int LABEL = 120;
    private static final int HEADER = 22;
    private static final int GAP = 3;
    private static final Color NO_DATA = new Color(200, 200, 200);
    private static final Color[] RAMP = {
            new Color(170, 210, 250), new Color(60, 120, 230), new Color(30, 170, 60), new Color(240, 230, 40),
            new Color(250, 140, 20), new Color(220, 20, 20), new Color(170, 0, 170)};

    private ForecastStrip() {
    }

    /**
     * The window whose truth has the most pixels at or above the first threshold: the most telling
     * example, chosen the same way for every method.
     */
    public static EvaluationWindow wettestWindow(List<EvaluationWindow> windows, float threshold) {
        EvaluationWindow best = windows.get(0);
        long bestCount = -1;
        for (EvaluationWindow w : windows) {
            long count = 0;
            for (PhysicalField f : w.truth()) {
                for (float v : f.values()) {
                    if (v >= threshold) {
                        count++;
                    }
                }
            }
            if (count > bestCount) {
                best = w;
                bestCount = count;
            }
        }
        return best;
    }

    public static void write(Path png, EvaluationWindow window, Map<String, List<PhysicalField>> forecasts,
                             long cadenceMinutes) throws IOException {
        List<PhysicalField> inputs = window.input().frames();
        PhysicalField first = inputs.get(0);
        int tile = first.cols();
        int tileRows = first.rows();
        int columns = Math.max(inputs.size(), window.truth().size());
        int rows = 2 + forecasts.size();
        int width = LABEL + columns * (tile + GAP);
        int height = rows * (HEADER + tileRows + GAP);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            int y = 0;
            drawRow(g, image, "input", inputs, y, k -> (k - inputs.size() + 1) * cadenceMinutes + " min");
            y += HEADER + tileRows + GAP;
            drawRow(g, image, "truth", window.truth(), y, k -> "+" + (k + 1) * cadenceMinutes + " min");
            for (Map.Entry<String, List<PhysicalField>> e : forecasts.entrySet()) {
                y += HEADER + tileRows + GAP;
                drawRow(g, image, e.getKey(), e.getValue().subList(0, window.truth().size()), y,
                        k -> "+" + (k + 1) * cadenceMinutes + " min");
            }
        } finally {
            g.dispose();
        }
        ImageIO.write(image, "png", png.toFile());
    }

    private static void drawRow(Graphics2D g, BufferedImage image, String label, List<PhysicalField> fields, int y,
                                IntFunction<String> caption) {
        g.setColor(Color.BLACK);
        g.drawString(label, 6, y + HEADER + 16);
        for (int k = 0; k < fields.size(); k++) {
            PhysicalField f = fields.get(k);
            int x = LABEL + k * (f.cols() + GAP);
            g.setColor(Color.BLACK);
            g.drawString(caption.apply(k), x + 2, y + HEADER - 6);
            for (int r = 0; r < f.rows(); r++) {
                for (int c = 0; c < f.cols(); c++) {
                    image.setRGB(x + c, y + HEADER + r, colour(f.quantity(), f.get(r, c)).getRGB());
                }
            }
        }
    }

    static Color colour(Quantity quantity, float value) {
        if (Float.isNaN(value)) {
            return NO_DATA;
        }
        double t = quantity == Quantity.REFLECTIVITY ? (value - 10.0) / 50.0 : Math.log10(value / 0.1) / 3.0;
        if (!(t >= 0)) {
            return Color.WHITE;
        }
        double pos = Math.min(t, 1.0) * (RAMP.length - 1);
        int i = Math.min((int) pos, RAMP.length - 2);
        double f = pos - i;
        Color a = RAMP[i];
        Color b = RAMP[i + 1];
        return new Color((int) Math.round(a.getRed() + f * (b.getRed() - a.getRed())),
                (int) Math.round(a.getGreen() + f * (b.getGreen() - a.getGreen())),
                (int) Math.round(a.getBlue() + f * (b.getBlue() - a.getBlue())));
    }
}
