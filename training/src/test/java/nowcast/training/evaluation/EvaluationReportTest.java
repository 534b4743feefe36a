package nowcast.training.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nowcast.frame.PhysicalField;
import nowcast.frame.Quantity;
import nowcast.model.Nowcaster;
import nowcast.model.NowcasterOptions;
import nowcast.model.Nowcasters;

class EvaluationReportTest {

    /** A rain cell of 20 mm/h drifting 1.5 pixels east per frame on a 128x128 grid. */
    private static RadarSequence driftingCell(int frames) {
        List<Instant> times = new ArrayList<>();
        List<PhysicalField> fields = new ArrayList<>();
        Instant t0 = Instant.parse("2021-06-01T12:00:00Z");
        for (int t = 0; t < frames; t++) {
            float[] v = new float[128 * 128];
            for (int r = 0; r < 128; r++) {
                for (int c = 0; c < 128; c++) {
                    double dr = r - 64;
                    double dc = c - 30 - 1.5 * t;
                    v[r * 128 + c] = (float) (20 * Math.exp(-(dr * dr + dc * dc) / (2 * 8.0 * 8.0)));
                }
            }
            times.add(t0.plus(Duration.ofMinutes(5L * t)));
            fields.add(PhysicalField.single(Quantity.RAIN_RATE, 128, 128, v));
        }
        return new RadarSequence("synthetic", times, fields, Duration.ofMinutes(5));
    }

    @Test
    void writesCsvMarkdownChartAndStripForEveryMethod(@TempDir Path out) throws IOException {
        Map<String, Nowcaster> methods = new LinkedHashMap<>();
        methods.put("persistence", Nowcasters.byName("persistence"));
        methods.put("extrapolation", Nowcasters.byName("extrapolation"));
        ScoredEvent event = new ScoredEvent(driftingCell(24), new float[] {1, 5, 10});

        EvaluationReport.Outputs outputs = new EvaluationReport(new Evaluation(4), false)
                .run(List.of(event), methods, out);

        List<String> csv = Files.readAllLines(outputs.csv());
        assertThat(csv.get(0)).isEqualTo("method,event,lead,lead_min,mse,mae,ssim,thr,csi,pod,far");
        assertThat(csv).hasSize(1 + 2 * 11 * 3);
        String[] lead10 = csv.stream().filter(l -> l.startsWith("extrapolation,synthetic,10,50,")).findFirst()
                .orElseThrow().split(",");
        EventScores extrapolation = outputs.scores().get(1);
        assertThat(Double.parseDouble(lead10[4])).isCloseTo(extrapolation.lead(10).mse(), within(1e-9));
        assertThat(csv).anyMatch(l -> l.startsWith("persistence,synthetic,avg,,"));
        // the cell moves: extrapolation must beat persistence on this case
        assertThat(extrapolation.meanMse()).isLessThan(outputs.scores().get(0).meanMse());
        assertThat(extrapolation.windows()).isEqualTo(5);

        String md = Files.readString(outputs.markdown());
        assertThat(md).contains("| method | event | lead | MSE x1e3 |", "| extrapolation | synthetic | 50 min |",
                "| persistence | synthetic | avg |");

        BufferedImage chart = ImageIO.read(outputs.chart().toFile());
        assertThat(chart.getWidth()).isGreaterThan(500);
        BufferedImage strip = ImageIO.read(outputs.strips().get(0).toFile());
        // input, truth and two forecast rows of ten 128-pixel tiles
        assertThat(strip.getWidth()).isGreaterThan(10 * 128);
        assertThat(strip.getHeight()).isGreaterThan(4 * 128);
    }

    @Test
    void blendScoresAsExtrapolationAtLeadOneAndAsItsPartnerAtTheLastLead(@TempDir Path out) throws IOException {
        Map<String, Nowcaster> methods = new LinkedHashMap<>();
        methods.put("persistence", Nowcasters.byName("persistence"));
        methods.put("extrapolation", Nowcasters.byName("extrapolation"));
        methods.put("blend", Nowcasters.byName("blend",
                NowcasterOptions.defaults().withSetting("blend.with", "persistence")));
        ScoredEvent event = new ScoredEvent(driftingCell(22), new float[] {1, 5, 10});

        List<EventScores> scores = new EvaluationReport(new Evaluation(4), false).run(List.of(event), methods, out)
                .scores();

        assertThat(scores.get(2).lead(1).mse()).isCloseTo(scores.get(1).lead(1).mse(), within(1e-12));
        assertThat(scores.get(2).lead(10).mse()).isCloseTo(scores.get(0).lead(10).mse(), within(1e-12));
        assertThat(Files.readAllLines(out.resolve("metrics.csv"))).hasSize(1 + 3 * 11 * 3);
    }

    @Test
    void stripColoursFollowTheScale() {
        assertThat(ForecastStrip.colour(Quantity.RAIN_RATE, 0f)).isEqualTo(java.awt.Color.WHITE);
        assertThat(ForecastStrip.colour(Quantity.RAIN_RATE, Float.NaN)).isNotEqualTo(java.awt.Color.WHITE);
        assertThat(ForecastStrip.colour(Quantity.RAIN_RATE, 1f)).isNotEqualTo(ForecastStrip.colour(Quantity.RAIN_RATE, 50f));
        assertThat(ForecastStrip.colour(Quantity.REFLECTIVITY, 5f)).isEqualTo(java.awt.Color.WHITE);
    }
}
