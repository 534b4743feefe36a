package nowcast.training.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import nowcast.frame.PhysicalField;
import nowcast.frame.Quantity;
import nowcast.scoring.Contingency;

class MetricsTest {

    private static PhysicalField rain(int size, float value) {
        float[] v = new float[size * size];
        Arrays.fill(v, value);
        return PhysicalField.single(Quantity.RAIN_RATE, size, size, v);
    }

    @Test
    void theProtocolScoresRainRateAndReflectivityOnly() {
        // normalisation and contingency ratios are nowcast.scoring's (products: ScoringRulesTest)
        assertThatThrownBy(() -> new ScoreAccumulator(Quantity.VIL, new float[] {16}, 1)).hasMessageContaining("VIL");
    }

    @Test
    void errorsAndCountsOnValidTruthOnlyWithMissingForecastAsNoRain() {
        // truth 10 mm/h, pixel 0 missing; forecast 30 mm/h, pixel 1 missing
        PhysicalField truth = rain(12, 10f);
        truth.values()[0] = Float.NaN;
        PhysicalField forecast = rain(12, 30f);
        forecast.values()[1] = Float.NaN;
        ScoreAccumulator acc = new ScoreAccumulator(Quantity.RAIN_RATE, new float[] {5, 15}, 1);
        acc.add(1, forecast, truth);
        LeadScore s = acc.scores().get(0);

        // 142 valid pixels err by 0.2, pixel 1 (forecast missing = 0) by 0.1
        assertThat(s.mse()).isCloseTo((142 * 0.04 + 0.01) / 143, within(1e-7));
        assertThat(s.mae()).isCloseTo((142 * 0.2 + 0.1) / 143, within(1e-7));
        assertThat(s.contingencies().get(0)).isEqualTo(new Contingency(5, 142, 1, 0));
        assertThat(s.contingencies().get(1)).isEqualTo(new Contingency(15, 0, 0, 142));
    }

    @Test
    void averagesErrorsOverWindowsButSumsContingenciesBeforeTheRatio() {
        ScoreAccumulator acc = new ScoreAccumulator(Quantity.RAIN_RATE, new float[] {1}, 2);
        // window A: perfect and all wet; window B: truth dry, 48 pixels forecast at 2 mm/h
        acc.add(1, rain(12, 20f), rain(12, 20f));
        PhysicalField falseAlarms = rain(12, 0f);
        Arrays.fill(falseAlarms.values(), 0, 48, 2f);
        acc.add(1, falseAlarms, rain(12, 0f));
        LeadScore s = acc.scores().get(0);

        assertThat(s.mse()).isCloseTo((0 + 48 * 0.02 * 0.02 / 144) / 2, within(1e-9));
        assertThat(s.mae()).isCloseTo((0 + 48 * 0.02 / 144) / 2, within(1e-9));
        // summed first: 144 / (144 + 48) = 0.75, where the mean of the window CSIs (1 and 0) would be 0.5
        assertThat(s.contingencies().get(0)).isEqualTo(new Contingency(1, 144, 0, 48));
        assertThat(s.contingencies().get(0).csi()).isEqualTo(0.75);
        assertThat(s.contingencies().get(0).pod()).isEqualTo(1.0);
        assertThat(acc.scores().get(1).mse()).isNaN();
    }

    @Test
    void ssimOfIdenticalAndOfConstantImagesMatchesTheFormula() {
        int n = 16;
        float[] a = new float[n * n];
        float[] b = new float[n * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = (i * 37 % 101) / 100f;
        }
        assertThat(Ssim.mean(a, a, n, n)).isCloseTo(1.0, within(1e-9));

        Arrays.fill(a, 0.5f);
        Arrays.fill(b, 0.25f);
        // no variance: SSIM = (2ab + C1) / (a^2 + b^2 + C1)
        assertThat(Ssim.mean(a, b, n, n)).isCloseTo((2 * 0.5 * 0.25 + 1e-4) / (0.25 + 0.0625 + 1e-4), within(1e-9));
    }

    @Test
    void ssimOfATexturedPairMatchesAnIndependentGaussianFilterImplementation() {
        int n = 16;
        float[] x = new float[n * n];
        float[] y = new float[n * n];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                x[r * n + c] = ((r * 7 + c * 13) % 17) / 16f;
                y[r * n + c] = ((r * 5 + c * 3) % 11) / 10f;
            }
        }
        // scipy.ndimage.gaussian_filter(sigma=1.5, truncate=3.5), SSIM map cropped by 5 pixels, mean
        assertThat(Ssim.mean(x, y, n, n)).isCloseTo(0.1894089836486372, within(1e-6));
    }

    @Test
    void ssimTreatsInvalidTruthAsZeroInBoth() {
        PhysicalField truth = rain(16, 50f);
        PhysicalField forecast = rain(16, 50f);
        for (int i = 0; i < 16 * 8; i++) {
            truth.values()[i] = Float.NaN;
            forecast.values()[i] = 100f;
        }
        ScoreAccumulator acc = new ScoreAccumulator(Quantity.RAIN_RATE, new float[] {1}, 1);
        acc.add(1, forecast, truth);

        assertThat(acc.scores().get(0).ssim()).isCloseTo(1.0, within(1e-9));
        assertThat(acc.scores().get(0).mse()).isZero();
    }

    @Test
    void windowsCoverEveryRunOfConsecutiveFramesOnly() {
        java.time.Instant t0 = java.time.Instant.parse("2020-01-01T00:00:00Z");
        List<java.time.Instant> times = new java.util.ArrayList<>();
        List<PhysicalField> fields = new java.util.ArrayList<>();
        for (int i = 0; i < 25; i++) {
            // a gap after frame 21: frames 22.. are 10 minutes later than a regular cadence
            times.add(t0.plus(Duration.ofMinutes(5L * i + (i >= 22 ? 5 : 0))));
            fields.add(rain(12, i));
        }
        RadarSequence seq = new RadarSequence("test", times, fields, Duration.ofMinutes(5));
        List<EvaluationWindow> windows = EvaluationWindow.all(seq, 10, 10);

        // starts 0, 1, 2 end at frames 19, 20, 21; later starts would span the gap
        assertThat(windows).extracting(EvaluationWindow::start).containsExactly(0, 1, 2);
        assertThat(windows.get(1).input().frames().get(0).get(0, 0)).isEqualTo(1f);
        assertThat(windows.get(1).input().last().get(0, 0)).isEqualTo(10f);
        assertThat(windows.get(1).truth().get(0).get(0, 0)).isEqualTo(11f);
        assertThat(windows.get(1).truth().get(9).get(0, 0)).isEqualTo(20f);
    }

    @Test
    void avgRowIsTheMeanOverLeads() {
        ScoreAccumulator acc = new ScoreAccumulator(Quantity.RAIN_RATE, new float[] {1}, 2);
        acc.add(1, rain(12, 10f), rain(12, 10f));
        acc.add(2, rain(12, 20f), rain(12, 10f));
        EventScores scores = new EventScores("m", "e", Quantity.RAIN_RATE, new float[] {1}, Duration.ofMinutes(5), 1,
                acc.scores(), 0);
        List<MetricsRow> rows = scores.rows();

        assertThat(rows).hasSize(3);
        assertThat(rows.get(1).leadMinutes()).isEqualTo(10);
        MetricsRow avg = rows.get(2);
        assertThat(avg.lead()).isEqualTo("avg");
        assertThat(avg.mse()).isCloseTo(0.01 / 2, within(1e-9));
        assertThat(avg.csi()).isEqualTo(1.0);
    }
}
