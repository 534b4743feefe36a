package nowcast.products;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import nowcast.frame.PhysicalField;
import nowcast.frame.Quantity;

class AccumulationTest {

    static List<Duration> leads(int n, int minutes) {
        List<Duration> out = new ArrayList<>();
        for (int k = 1; k <= n; k++) {
            out.add(Duration.ofMinutes((long) k * minutes));
        }
        return out;
    }

    static PhysicalField uniform(Quantity q, float v) {
        float[] values = new float[16];
        Arrays.fill(values, v);
        return PhysicalField.single(q, 4, 4, values);
    }

    @Test
    void steadyRainOfSixMillimetresAnHourGivesThreeInHalfAnHourAndSixInAnHour() {
        List<PhysicalField> fields = new ArrayList<>();
        for (int k = 0; k < 10; k++) {
            fields.add(uniform(Quantity.RAIN_RATE, 6f));
        }
        Accumulation a30 = Accumulation.of(fields, leads(10, 5), 30);
        Accumulation a60 = Accumulation.of(fields, leads(10, 5), 60);
        assertThat(a30.millimetres().get(2, 3)).isCloseTo(3f, within(1e-5f));
        assertThat(a30.complete()).isTrue();
        assertThat(a60.millimetres().get(0, 0)).isCloseTo(6f, within(1e-5f));
        // ten 5-minute leads reach 50 minutes; the last 10 are the last lead held
        assertThat(a60.coveredMinutes()).isEqualTo(50.0);
        assertThat(a60.complete()).isFalse();
    }

    @Test
    void eachLeadCountsForTheIntervalThatEndsAtIt() {
        List<PhysicalField> fields = new ArrayList<>();
        for (int k = 1; k <= 10; k++) {
            fields.add(uniform(Quantity.RAIN_RATE, k));
        }
        // 30 min = leads 1..6 of 5 min: (1+2+...+6) mm/h * 5/60 h
        assertThat(Accumulation.of(fields, leads(10, 5), 30).millimetres().get(0, 0))
                .isCloseTo(21 * 5 / 60f, within(1e-5f));
        // 6-minute cadence: 30 min = leads 1..5 in full
        assertThat(Accumulation.of(fields, leads(10, 6), 30).millimetres().get(0, 0))
                .isCloseTo(15 * 6 / 60f, within(1e-5f));
        // 7-minute cadence: 30 min = leads 1..4 (28 min) and 2 of the 7 minutes of lead 5
        assertThat(Accumulation.of(fields, leads(10, 7), 30).millimetres().get(0, 0))
                .isCloseTo((10 * 7 + 5 * 2) / 60f, within(1e-5f));
        Accumulation hour = Accumulation.of(fields, leads(10, 6), 60);
        assertThat(hour.complete()).isTrue();
        assertThat(hour.millimetres().get(1, 1)).isCloseTo(55 * 6 / 60f, within(1e-5f));
    }

    @Test
    void reflectivityGoesThroughMarshallPalmerAndNoDataStaysNoData() {
        // 10 log10(200) dBZ is exactly 1 mm/h
        float oneMmPerHour = (float) (10 * Math.log10(200));
        List<PhysicalField> fields = new ArrayList<>();
        for (int k = 0; k < 10; k++) {
            PhysicalField f = uniform(Quantity.REFLECTIVITY, oneMmPerHour);
            f.values()[5] = Float.NaN;
            fields.add(f);
        }
        Accumulation a = Accumulation.of(fields, leads(10, 5), 30);
        assertThat(a.millimetres().get(0, 0)).isCloseTo(0.5f, within(1e-4f));
        assertThat(a.millimetres().values()[5]).isNaN();
    }

    @Test
    void accumulationFieldsAreSummed() {
        List<PhysicalField> fields = new ArrayList<>();
        for (int k = 0; k < 10; k++) {
            fields.add(uniform(Quantity.ACCUMULATION, 0.4f));
        }
        assertThat(Accumulation.of(fields, leads(10, 5), 30).millimetres().get(3, 3)).isCloseTo(2.4f, within(1e-5f));
    }

    @Test
    void imageryHasNoAccumulation() {
        assertThatThrownBy(() -> Accumulation.of(List.of(uniform(Quantity.GREY_LEVEL, 0.5f)), leads(1, 5), 30))
                .hasMessageContaining("GREY_LEVEL");
        assertThat(ForecastProducts.of(List.of(uniform(Quantity.GREY_LEVEL, 0.5f)), leads(1, 5)).isEmpty()).isTrue();
    }
}
