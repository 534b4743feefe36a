package nowcast.products;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import nowcast.frame.PhysicalField;
import nowcast.frame.Quantity;

class ExceedanceTest {

    @Test
    void neighbourhoodFractionCountsValidPixelsInTheSquare() {
        float[] v = new float[25];
        v[12] = 7f; // centre of a 5x5 grid
        v[0] = Float.NaN;
        PhysicalField f = PhysicalField.single(Quantity.RAIN_RATE, 5, 5, v);
        float[] frac = NeighbourhoodFraction.of(f, 5.0, 1);
        assertThat(frac[12]).isCloseTo(1 / 9f, within(1e-6f));
        // (1, 1) sees the no-data corner: 8 valid pixels
        assertThat(frac[6]).isCloseTo(1 / 8f, within(1e-6f));
        assertThat(frac[2]).isZero();
        // the corner square (0..1, 0..1) has 3 valid pixels, none above
        assertThat(frac[0]).isZero();
        assertThat(NeighbourhoodFraction.of(f, 5.0, 0)[12]).isEqualTo(1f);
        float[] allMissing = new float[4];
        java.util.Arrays.fill(allMissing, Float.NaN);
        assertThat(NeighbourhoodFraction.of(PhysicalField.single(Quantity.RAIN_RATE, 2, 2, allMissing), 1, 0)[0])
                .isNaN();
    }

    @Test
    void probabilitiesOfAFieldWellAboveTheThresholdEverywhereAreOneAndOfADryFieldZero() {
        Calibration identity = Calibration.identity(1, 6);
        float[] wet = new float[64];
        java.util.Arrays.fill(wet, 20f);
        List<PhysicalField> leads = List.of(PhysicalField.single(Quantity.RAIN_RATE, 8, 8, wet),
                PhysicalField.single(Quantity.RAIN_RATE, 8, 8, new float[64]));
        ForecastProducts p = ForecastProducts.of(leads, AccumulationTest.leads(2, 5), identity);
        assertThat(p.exceedance().thresholds()).containsExactly(1.0, 5.0, 10.0);
        for (int t = 0; t < 3; t++) {
            assertThat(p.exceedance().probability(t, 0)).containsOnly(1f);
            assertThat(p.exceedance().probability(t, 1)).containsOnly(0f);
        }
    }

    @Test
    void theHalfWidthGrowsWithLeadTime() {
        Calibration c = Calibration.identity(1, 6);
        assertThat(c.halfWidth(5)).isEqualTo(2);
        assertThat(c.halfWidth(30)).isEqualTo(4);
        assertThat(c.halfWidth(60)).isEqualTo(7);
    }

    @Test
    void brierSkillScoreOfKnownProbabilities() {
        ProbabilityScores s = new ProbabilityScores();
        s.add(0.2, false);
        s.add(0.8, true);
        assertThat(s.brier()).isCloseTo(0.04, within(1e-12));
        assertThat(s.baseRate()).isEqualTo(0.5);
        assertThat(s.brierSkill()).isCloseTo(1 - 0.04 / 0.25, within(1e-12));
        assertThat(s.binCount(2)).isEqualTo(1);
        assertThat(s.binObservedFrequency(8)).isEqualTo(1.0);
        ProbabilityScores never = new ProbabilityScores();
        never.add(0.1, false);
        assertThat(never.brierSkill()).isNaN();
    }

    @Test
    void aFitOfOverconfidentFractionsLowersThemToTheObservedFrequency() throws java.io.IOException {
        // events happen at half the neighbourhood fraction: the raw fractions are twice too high
        Random random = new Random(7);
        Calibration identity = Calibration.identity(1, 6);
        CalibrationFit fit = new CalibrationFit(identity);
        List<float[]> fractions = new ArrayList<>();
        List<float[]> observed = new ArrayList<>();
        for (int rep = 0; rep < 20; rep++) {
            float[] f = new float[2000];
            float[] o = new float[2000];
            for (int i = 0; i < f.length; i++) {
                f[i] = (i % 11) / 10f;
                o[i] = random.nextDouble() < f[i] / 2 ? 10f : 0f;
            }
            fit.add(Quantity.RAIN_RATE, 0, 5, f, o, 1, 1.0);
            fractions.add(f);
            observed.add(o);
        }
        Calibration fitted = fit.fit("test");
        ProbabilityScores raw = new ProbabilityScores();
        ProbabilityScores calibrated = new ProbabilityScores();
        for (int rep = 0; rep < fractions.size(); rep++) {
            float[] f = fractions.get(rep);
            float[] p = new float[f.length];
            for (int i = 0; i < f.length; i++) {
                p[i] = fitted.probability(Quantity.RAIN_RATE, 0, 5, f[i]);
            }
            raw.add(f, observed.get(rep), 1, 1.0);
            calibrated.add(p, observed.get(rep), 1, 1.0);
        }
        assertThat(calibrated.brier()).isLessThan(raw.brier());
        // logistic regression with an intercept: mean probability = observed frequency
        double meanP = 0;
        for (float[] f : fractions) {
            for (float v : f) {
                meanP += fitted.probability(Quantity.RAIN_RATE, 0, 5, v);
            }
        }
        meanP /= fractions.size() * fractions.get(0).length;
        assertThat(meanP).isCloseTo(calibrated.baseRate(), within(0.002));
        // a fraction of 0.4 means an event 20 % of the time (the two-parameter curve is not exact)
        assertThat(fitted.probability(Quantity.RAIN_RATE, 0, 5, 0.4f)).isCloseTo(0.2f, within(0.08f));
        // the other lead bands were not fitted: identity
        assertThat(fitted.probability(Quantity.RAIN_RATE, 0, 45, 0.4f)).isEqualTo(0.4f);
        // another quantity has no band of its own: the raw fraction
        assertThat(fitted.probability(Quantity.REFLECTIVITY, 0, 5, 0.4f)).isEqualTo(0.4f);
        Calibration again = Calibration.read(write(fitted));
        assertThat(again.probability(Quantity.RAIN_RATE, 0, 5, 0.4f)).isEqualTo(fitted.probability(Quantity.RAIN_RATE, 0, 5, 0.4f));
    }

    private static java.nio.file.Path write(Calibration c) {
        try {
            java.nio.file.Path p = java.nio.file.Files.createTempFile("calibration", ".json");
            java.nio.file.Files.write(p, c.toJson("test"));
            p.toFile().deleteOnExit();
            return p;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
