package nowcast.model.extrapolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import nowcast.frame.PhysicalField;
import nowcast.model.InputWindow;

class ExtrapolationNowcasterTest {

    private static final int SIZE = 128;

    private static InputWindow window(float dRow, float dCol, int frames) {
        List<PhysicalField> list = new ArrayList<>();
        for (int t = 0; t < frames; t++) {
            list.add(SyntheticRain.movedCells(SIZE, t, dRow, dCol));
        }
        return new InputWindow("synthetic", list, Duration.ofMinutes(5));
    }

    private static double meanWhereRain(float[] values, PhysicalField rain) {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < values.length; i++) {
            if (rain.values()[i] > 1f) {
                sum += values[i];
                n++;
            }
        }
        return sum / n;
    }

    @Test
    void recoversAKnownTranslationOnTheRainyPixels() {
        float dRow = 1.5f;
        float dCol = -2.25f;
        InputWindow window = window(dRow, dCol, 10);
        MotionField motion = new ExtrapolationNowcaster().motion(window);

        assertThat(meanWhereRain(motion.dRow(), window.last())).isCloseTo(dRow, within(0.1));
        assertThat(meanWhereRain(motion.dCol(), window.last())).isCloseTo(dCol, within(0.1));
    }

    @Test
    void recoversLargeDisplacementsThroughThePyramid() {
        InputWindow window = window(-4.5f, -6f, 3);
        MotionField motion = new ExtrapolationNowcaster().motion(window);

        assertThat(meanWhereRain(motion.dRow(), window.last())).isCloseTo(-4.5, within(0.3));
        assertThat(meanWhereRain(motion.dCol(), window.last())).isCloseTo(-6, within(0.3));
    }

    @Test
    void fillsEchoFreeAreasWithTheMotionOfTheEchoes() {
        InputWindow window = window(1f, 2f, 3);
        MotionField motion = new ExtrapolationNowcaster().motion(window);

        // the far corner is dry in every frame
        assertThat(motion.dRowAt(SIZE - 1, SIZE - 1)).isCloseTo(1f, within(0.2f));
        assertThat(motion.dColAt(SIZE - 1, SIZE - 1)).isCloseTo(2f, within(0.2f));
    }

    @Test
    void forecastFollowsTheCellsAlongTheirTrack() {
        float dRow = 1f;
        float dCol = -1.5f;
        InputWindow window = window(dRow, dCol, 10);
        List<PhysicalField> forecast = new ExtrapolationNowcaster().predict(List.of(window)).get(0);

        assertThat(forecast).hasSize(10);
        for (int lead : new int[] {1, 5, 10}) {
            PhysicalField truth = SyntheticRain.movedCells(SIZE, 9 + lead, dRow, dCol);
            PhysicalField persistence = window.last();
            assertThat(rmse(forecast.get(lead - 1), truth)).isLessThan(0.3 * rmse(persistence, truth));
        }
    }

    @Test
    void noMotionWithoutEchoAndTheForecastIsTheLastFrame() {
        InputWindow window = window(0f, 0f, 3);
        float[] dry = new float[SIZE * SIZE];
        InputWindow dryWindow = new InputWindow("dry", List.of(PhysicalField.single(window.last().quantity(), SIZE,
                SIZE, dry), PhysicalField.single(window.last().quantity(), SIZE, SIZE, dry)), Duration.ofMinutes(5));
        MotionField motion = new ExtrapolationNowcaster().motion(dryWindow);

        assertThat(motion.dRow()).containsOnly(0f);
        assertThat(motion.dCol()).containsOnly(0f);
        assertThat(new ExtrapolationNowcaster().predict(List.of(dryWindow)).get(0).get(9).values()).containsOnly(0f);
    }

    @Test
    void isDeterministic() {
        InputWindow window = window(0.7f, -1.3f, 10);
        ExtrapolationNowcaster nowcaster = new ExtrapolationNowcaster();
        float[] a = nowcaster.predict(List.of(window)).get(0).get(9).values();
        float[] b = nowcaster.predict(List.of(window)).get(0).get(9).values();
        assertThat(a).isEqualTo(b);
    }

    private static double rmse(PhysicalField a, PhysicalField b) {
        double sum = 0;
        for (int i = 0; i < a.size(); i++) {
            double d = a.values()[i] - b.values()[i];
            sum += d * d;
        }
        return Math.sqrt(sum / a.size());
    }
}
