package nowcast.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

import nowcast.frame.Quantity;

class ScoringRulesTest {

    @Test
    void normalisesRainAndReflectivityWithClippingAndMissingAsZero() {
        ScoringRules rain = ScoringRules.forQuantity(Quantity.RAIN_RATE);
        ScoringRules dbz = ScoringRules.forQuantity(Quantity.REFLECTIVITY);

        assertThat(rain.normalise(50f)).isEqualTo(0.5f);
        assertThat(rain.normalise(150f)).isEqualTo(1f);
        assertThat(rain.normalise(-3f)).isEqualTo(0f);
        assertThat(rain.normalise(Float.NaN)).isEqualTo(0f);
        assertThat(dbz.normalise(35f)).isEqualTo(0.5f);
        assertThat(dbz.normalise(-32f)).isEqualTo(0f);
        assertThat(dbz.normalise(95.5f)).isEqualTo(1f);
        assertThat(ScoringRules.forQuantity(Quantity.GREY_LEVEL).normalise(1.5f)).isEqualTo(1f);
    }

    @Test
    void otherThresholdsKeepTheNormalisation() {
        ScoringRules own = ScoringRules.forQuantity(Quantity.RAIN_RATE).withThresholds(List.of(2.0, 7.5));
        assertThat(own.thresholds()).containsExactly(2.0, 7.5);
        assertThat(own.normalise(25f)).isEqualTo(0.25f);
    }

    @Test
    void contingencyRatiosAndUndefinedCases() {
        Contingency c = new Contingency(1, 2, 1, 1);
        assertThat(c.csi()).isEqualTo(0.5);
        assertThat(c.pod()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(c.far()).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(Contingency.empty(1).csi()).isNaN();
        assertThat(new Contingency(1, 0, 3, 0).far()).isNaN();
        assertThat(new Contingency(1, 0, 3, 0).csi()).isZero();
        assertThat(c.plus(new Contingency(1, 1, 0, 2))).isEqualTo(new Contingency(1, 3, 1, 3));
    }
}
