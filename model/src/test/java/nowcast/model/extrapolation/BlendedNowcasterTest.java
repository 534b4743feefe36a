package nowcast.model.extrapolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import nowcast.frame.PhysicalField;
import nowcast.frame.Quantity;
import nowcast.model.InputWindow;
import nowcast.model.NowcasterOptions;
import nowcast.model.Nowcasters;
import nowcast.model.PersistenceNowcaster;

class BlendedNowcasterTest {

    private static InputWindow constantWindow(Quantity q, float value) {
        float[] v = new float[16];
        Arrays.fill(v, value);
        PhysicalField f = PhysicalField.single(q, 4, 4, v);
        return new InputWindow("test", List.of(f, f, f), Duration.ofMinutes(5));
    }

    @Test
    void fadesLinearlyFromTheShortRangeToTheLongRangeNowcast() {
        InputWindow wet = constantWindow(Quantity.RAIN_RATE, 9f);
        // extrapolation of a uniform field is that field; the stand-in answers 0 everywhere
        BlendedNowcaster blend = new BlendedNowcaster(new ExtrapolationNowcaster(), new ShiftedInput(-9f),
                BlendedNowcaster.linearFade(10));
        List<PhysicalField> out = blend.predict(List.of(wet)).get(0);

        assertThat(out).hasSize(10);
        assertThat(out.get(0).get(0, 0)).isCloseTo(9f, within(1e-5f));
        assertThat(out.get(3).get(2, 2)).isCloseTo(9f * (1 - 3f / 9), within(1e-5f));
        assertThat(out.get(9).get(3, 3)).isCloseTo(0f, within(1e-5f));
    }

    @Test
    void blendsReflectivityInLinearZAndFillsMissingFromTheOther() {
        PhysicalField a = PhysicalField.single(Quantity.REFLECTIVITY, 1, 3, new float[] {30f, Float.NaN, 25f});
        PhysicalField b = PhysicalField.single(Quantity.REFLECTIVITY, 1, 3, new float[] {20f, 15f, Float.NaN});
        PhysicalField mixed = BlendedNowcaster.mix(a, b, 0.5f);

        assertThat(mixed.get(0, 0)).isCloseTo((float) (10 * Math.log10((1000 + 100) / 2.0)), within(1e-4f));
        assertThat(mixed.get(0, 1)).isEqualTo(15f);
        assertThat(mixed.get(0, 2)).isEqualTo(25f);
    }

    @Test
    void isRegisteredByNameWithAConfigurablePartnerAndWeights() {
        NowcasterOptions options = NowcasterOptions.defaults().withSetting("blend.with", "persistence")
                .withSetting("blend.weights", "1,1,1,1,1,0,0,0,0,0");
        BlendedNowcaster blend = (BlendedNowcaster) Nowcasters.byName("blend", options);

        assertThat(blend.identity().name()).isEqualTo("blend(extrapolation,persistence)");
        assertThat(blend.shortWeights()).containsExactly(1, 1, 1, 1, 1, 0, 0, 0, 0, 0);
        assertThat(Nowcasters.byName("extrapolation")).isInstanceOf(ExtrapolationNowcaster.class);
    }

    @Test
    void rejectsBadWeightsNamingTheLead() {
        NowcasterOptions options = NowcasterOptions.defaults().withSetting("blend.with", "persistence")
                .withSetting("blend.weights", "1,x");
        assertThatThrownBy(() -> Nowcasters.byName("blend", options)).hasMessageContaining("lead 2");
        assertThatThrownBy(() -> new BlendedNowcaster(new ExtrapolationNowcaster(), new PersistenceNowcaster(),
                new float[] {1.5f})).hasMessageContaining("lead 1");
    }

    /** The last input frame plus a constant: a stand-in for a learned model with a known answer. */
    private record ShiftedInput(float offset) implements nowcast.model.Nowcaster {
        @Override
        public nowcast.forecast.ModelIdentity identity() {
            return nowcast.forecast.ModelIdentity.baseline("shifted");
        }

        @Override
        public List<List<PhysicalField>> predict(List<InputWindow> windows) {
            return windows.stream().map(w -> {
                float[] v = w.last().values().clone();
                for (int i = 0; i < v.length; i++) {
                    v[i] += offset;
                }
                PhysicalField f = new PhysicalField(w.last().quantity(), w.last().rows(), w.last().cols(), 1, v);
                return java.util.Collections.nCopies(10, f);
            }).toList();
        }
    }
}
