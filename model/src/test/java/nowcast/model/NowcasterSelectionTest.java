package nowcast.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nowcast.frame.Quantity;
import nowcast.model.extrapolation.FallbackNowcaster;
import nowcast.model.gs2pm.Gs2pmArtifact;
import nowcast.model.gs2pm.Gs2pmConfig;
import nowcast.model.gs2pm.Gs2pmModel;
import nowcast.model.gs2pm.Normalisation;

class NowcasterSelectionTest {

    @Test
    void aModelThatCannotLoadIsBackedByTheFallback(@TempDir Path empty) {
        try (Nowcaster backed = new NowcasterSelection("gs2pm", "extrapolation").open(NowcasterOptions.ofArtifact(empty))) {
            assertThat(backed).isInstanceOf(FallbackNowcaster.class);
            assertThat(((FallbackNowcaster) backed).primaryLoaded()).isFalse();
            assertThat(backed.identity().name()).isEqualTo("extrapolation");
        }
    }

    @Test
    void noFallbackOrTheSameOneGivesThePrimaryAlone() {
        try (Nowcaster alone = new NowcasterSelection("persistence", NowcasterSelection.NONE).open(NowcasterOptions.defaults());
             Nowcaster same = new NowcasterSelection("extrapolation", "extrapolation").open(NowcasterOptions.defaults())) {
            assertThat(alone).isNotInstanceOf(FallbackNowcaster.class);
            assertThat(alone.identity().name()).isEqualTo("persistence");
            assertThat(same).isNotInstanceOf(FallbackNowcaster.class);
        }
    }

    @Test
    void anUnknownNameIsAnErrorEvenWithAFallback() {
        assertThatThrownBy(() -> new NowcasterSelection("crystal-ball", "extrapolation").open(NowcasterOptions.defaults()))
                .hasMessageContaining("unknown nowcaster 'crystal-ball'").hasMessageContaining("persistence");
    }

    @Test
    void autoIsExtrapolationWithoutAModelAndGs2pmWithOne(@TempDir Path dir) throws IOException {
        try (Nowcaster none = NowcasterSelection.of(NowcasterSelection.AUTO).open(NowcasterOptions.defaults());
             Nowcaster incomplete = NowcasterSelection.of("AUTO").open(NowcasterOptions.ofArtifact(dir))) {
            assertThat(none.identity().name()).isEqualTo("extrapolation");
            assertThat(incomplete.identity().name()).isEqualTo("extrapolation");
        }
        Path model = dir.resolve("model");
        Gs2pmConfig small = Gs2pmConfig.builder().hidS(8).hidT(16).nS(4).nT(3).frames(10).build();
        try (Gs2pmModel random = Gs2pmModel.randomlyInitialised(small, 7)) {
            Gs2pmArtifact.write(model, random, "test-7", "rain", Normalisation.defaultFor(Quantity.RAIN_RATE),
                    new Gs2pmArtifact.Provenance("random init, seed 7", "2026-12-06", null));
        }
        assertThat(NowcasterSelection.isModel(model)).isTrue();
        assertThat(NowcasterSelection.isModel(dir)).isFalse();
        try (Nowcaster learned = NowcasterSelection.of(NowcasterSelection.AUTO).open(NowcasterOptions.ofArtifact(model))) {
            assertThat(learned.identity().name()).isEqualTo("gs2pm");
        }
    }

    @Test
    void theFallbackAnswersWhenTheAutoChoiceCannotLoad(@TempDir Path dir) throws IOException {
        Path broken = dir.resolve("broken");
        Files.createDirectories(broken);
        Files.writeString(broken.resolve(Gs2pmArtifact.CONFIG_FILE), "{ not json");
        Files.writeString(broken.resolve(Gs2pmArtifact.WEIGHTS_FILE), "");
        try (Nowcaster backed = new NowcasterSelection(NowcasterSelection.AUTO, "persistence")
                .open(NowcasterOptions.ofArtifact(broken))) {
            assertThat(backed).isInstanceOf(FallbackNowcaster.class);
            assertThat(backed.identity().name()).isEqualTo("persistence");
        }
    }
}
