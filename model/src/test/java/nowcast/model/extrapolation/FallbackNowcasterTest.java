package nowcast.model.extrapolation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import nowcast.forecast.ModelIdentity;
import nowcast.frame.PhysicalField;
import nowcast.frame.Quantity;
import nowcast.model.InputWindow;
import nowcast.model.Nowcaster;
import nowcast.model.NowcasterOptions;
import nowcast.model.PersistenceNowcaster;

class FallbackNowcasterTest {

    private static final InputWindow WINDOW = new InputWindow("test", List.of(
            PhysicalField.single(Quantity.RAIN_RATE, 2, 2, new float[] {1, 2, 3, 4})), Duration.ofMinutes(5));

    private static final class Broken implements Nowcaster {
        @Override
        public ModelIdentity identity() {
            return ModelIdentity.baseline("broken");
        }

        @Override
        public List<List<PhysicalField>> predict(List<InputWindow> windows) {
            throw new IllegalStateException("engine crashed");
        }
    }

    @Test
    void answersWithTheFallbackWhenThePrimaryThrows() {
        FallbackNowcaster nowcaster = new FallbackNowcaster(new Broken(), new ExtrapolationNowcaster());
        List<List<PhysicalField>> out = nowcaster.predict(List.of(WINDOW));

        assertThat(out.get(0)).hasSize(10);
        assertThat(out.get(0).get(9).values()).containsExactly(1, 2, 3, 4);
        assertThat(nowcaster.fallbackBatches()).isEqualTo(1);
        assertThat(nowcaster.identity().name()).isEqualTo("broken");
    }

    @Test
    void anAnswerNamesTheNowcasterThatMadeIt() {
        FallbackNowcaster failing = new FallbackNowcaster(new Broken(), new ExtrapolationNowcaster());
        FallbackNowcaster working = new FallbackNowcaster(new PersistenceNowcaster(), new ExtrapolationNowcaster());

        assertThat(failing.answer(List.of(WINDOW)).model().name()).isEqualTo("extrapolation");
        assertThat(working.answer(List.of(WINDOW)).model().name()).isEqualTo("persistence");
    }

    @Test
    void usesOnlyTheFallbackWhenThePrimaryDoesNotLoad() {
        FallbackNowcaster nowcaster = FallbackNowcaster.loading("gs2pm", () -> {
            throw new IllegalArgumentException("no artifact at /missing");
        }, new ExtrapolationNowcaster());

        assertThat(nowcaster.primaryLoaded()).isFalse();
        assertThat(nowcaster.identity().name()).isEqualTo("extrapolation");
        assertThat(nowcaster.predict(List.of(WINDOW)).get(0).get(0).values()).containsExactly(1, 2, 3, 4);
    }

    @Test
    void aLearnedModelWithoutItsArtifactFallsBackToExtrapolation() {
        FallbackNowcaster nowcaster = FallbackNowcaster.withExtrapolation("gs2pm", NowcasterOptions.defaults());

        assertThat(nowcaster.primaryLoaded()).isFalse();
        assertThat(nowcaster.predict(List.of(WINDOW)).get(0)).hasSize(10);
        assertThat(nowcaster.fallbackBatches()).isEqualTo(1);
        assertThat(FallbackNowcaster.withExtrapolation("persistence", NowcasterOptions.defaults()).primaryLoaded())
                .isTrue();
    }

    @Test
    void usesThePrimaryWhileItWorks() {
        FallbackNowcaster nowcaster = new FallbackNowcaster(new PersistenceNowcaster(), new ExtrapolationNowcaster());
        nowcaster.predict(List.of(WINDOW));

        assertThat(nowcaster.primaryLoaded()).isTrue();
        assertThat(nowcaster.fallbackBatches()).isZero();
    }
}
