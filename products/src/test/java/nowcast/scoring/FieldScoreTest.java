package nowcast.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

import nowcast.frame.PhysicalField;
import nowcast.frame.Quantity;
import nowcast.frame.VilPixelScale;

class FieldScoreTest {

    private static PhysicalField rain(float... v) {
        return PhysicalField.single(Quantity.RAIN_RATE, 1, v.length, v);
    }

    @Test
    void rainRateScoresFollowTheProtocol() {
        // observed: 0, 2, 6, 12, 150 (clipped to 100), NaN (excluded)
        PhysicalField obs = rain(0, 2, 6, 12, 150, Float.NaN);
        PhysicalField fc = rain(1, 2, 0, 20, 100, 50);
        FieldScore s = FieldScore.of(fc, obs, ScoringRules.forQuantity(Quantity.RAIN_RATE));

        assertThat(s.validPixels()).isEqualTo(5);
        double[] d = {0.01, 0, -0.06, 0.08, 0};
        double mse = 0;
        double mae = 0;
        for (double x : d) {
            mse += x * x / 5;
            mae += Math.abs(x) / 5;
        }
        assertThat(s.mse()).isCloseTo(mse, within(1e-9));
        assertThat(s.mae()).isCloseTo(mae, within(1e-9));
        // threshold 1: obs events {2,6,12,150}, fc events {1,2,20,100} (pixel 0 is a false alarm, pixel 2 a miss)
        Contingency t1 = s.categories().get(0);
        assertThat(t1.threshold()).isEqualTo(1.0);
        assertThat(t1.hits()).isEqualTo(3);
        assertThat(t1.misses()).isEqualTo(1);
        assertThat(t1.falseAlarms()).isEqualTo(1);
        assertThat(t1.csi()).isCloseTo(3.0 / 5, within(1e-12));
        assertThat(t1.pod()).isCloseTo(3.0 / 4, within(1e-12));
        assertThat(t1.far()).isCloseTo(1.0 / 4, within(1e-12));
        // threshold 10: obs {12,150}, fc {20,100} -> 2 hits
        assertThat(s.categories().get(2).hits()).isEqualTo(2);
        assertThat(s.categories().get(2).far()).isZero();
    }

    @Test
    void undefinedScoresAreNaNNotZeroAndNullOnTheWire() {
        FieldScore s = FieldScore.of(rain(0, 0), rain(0, 0), ScoringRules.forQuantity(Quantity.RAIN_RATE));
        assertThat(s.mse()).isZero();
        assertThat(s.categories().get(0).csi()).isNaN();
        assertThat(s.categories().get(0).pod()).isNaN();
        assertThat(s.categories().get(0).far()).isNaN();
        assertThat(Contingency.definedOrNull(s.categories().get(0).csi())).isNull();
        assertThat(Contingency.definedOrNull(0.25)).isEqualTo(0.25);
    }

    @Test
    void missingForecastPixelsCountAsNoEcho() {
        FieldScore s = FieldScore.of(rain(Float.NaN), rain(50), ScoringRules.forQuantity(Quantity.RAIN_RATE));
        assertThat(s.mae()).isCloseTo(0.5, within(1e-9));
        assertThat(s.categories().get(0).misses()).isEqualTo(1);
    }

    @Test
    void reflectivityIsClippedToZeroToSeventy() {
        PhysicalField obs = PhysicalField.single(Quantity.REFLECTIVITY, 1, 2, new float[] {-10, 80});
        PhysicalField fc = PhysicalField.single(Quantity.REFLECTIVITY, 1, 2, new float[] {35, 70});
        FieldScore s = FieldScore.of(fc, obs, ScoringRules.forQuantity(Quantity.REFLECTIVITY));
        assertThat(s.mae()).isCloseTo((0.5 + 0) / 2, within(1e-9));
        assertThat(s.categories()).extracting(Contingency::threshold).containsExactly(20.0, 30.0, 40.0);
        assertThat(s.categories().get(2).hits()).isEqualTo(1);
        assertThat(s.categories().get(0).falseAlarms()).isEqualTo(1);
    }

    @Test
    void vilThresholdsAreOnTheSevirPixelScale() {
        // 74 on the pixel scale is exp((74-83.9)/38.9) kg/m2; just above and below it.
        float at74 = (float) VilPixelScale.toKgPerM2(74.5);
        float below74 = (float) VilPixelScale.toKgPerM2(73.5);
        PhysicalField obs = PhysicalField.single(Quantity.VIL, 1, 2, new float[] {at74, below74});
        FieldScore s = FieldScore.of(obs, obs, ScoringRules.forQuantity(Quantity.VIL));
        assertThat(s.categories()).extracting(Contingency::threshold)
                .containsExactly(16.0, 74.0, 133.0, 160.0, 181.0, 219.0);
        assertThat(s.categories().get(0).hits()).isEqualTo(2);
        assertThat(s.categories().get(1).hits()).isEqualTo(1);
        assertThat(VilPixelScale.fromKgPerM2(VilPixelScale.toKgPerM2(133))).isCloseTo(133, within(1e-9));
        assertThat(VilPixelScale.fromKgPerM2(VilPixelScale.toKgPerM2(10))).isCloseTo(10, within(1e-9));
    }
}
