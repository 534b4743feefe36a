package nowcast.model.gs2pm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Parameter counts, state_dict layout and compute of the published scales, counted without allocating weights. */
class Gs2pmSizeTest {

    @ParameterizedTest
    @CsvSource({
        "tiny, 10341379, 10379779, 182, 30.49",
        "medium, 99839491, 99899395, 566, 144.48",
        "large, 441804035, 441917059, 1174, 549.86",
    })
    void publishedScalesHaveThePublishedSizes(String scale, long paper, long trainable, int keys, double gmacs) {
        Gs2pmNetwork net = new Gs2pmNetwork(Gs2pmConfig.scale(scale).build());
        assertThat(net.paperParameterCount()).isEqualTo(paper);
        assertThat(net.trainableParameterCount()).isEqualTo(trainable);
        assertThat(net.stateDictShapes()).hasSize(keys);
        assertThat(Gs2pmComplexity.predictionMacs(net.config()) / 1e9).isCloseTo(gmacs, org.assertj.core.data.Offset.offset(0.01));
        assertThat(net.config().scaleName()).isEqualTo(scale);
    }

    @Test
    void reconstructionBranchAddsTheEncoderAndDecoder() {
        assertThat(Gs2pmComplexity.reconstructionMacs(Gs2pmConfig.scale("tiny").build()) / 1e9)
                .isCloseTo(18.81, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void tinyStateDictNamesAndShapesFollowTheOfficialGrammar() {
        Map<String, Shape> s = new Gs2pmNetwork(Gs2pmConfig.scale("tiny").build()).stateDictShapes();
        assertThat(s.keySet().iterator().next()).isEqualTo("enc.enc.0.conv.conv.weight");
        assertThat(s.get("enc.enc.0.conv.conv.weight")).isEqualTo(new Shape(64, 3, 3, 3));
        assertThat(s.get("dec.dec.0.conv.conv.0.weight")).isEqualTo(new Shape(256, 64, 3, 3));
        assertThat(s.get("dec.dec.1.conv.conv.weight")).isEqualTo(new Shape(64, 64, 3, 3));
        assertThat(s.get("translator.enc.0.block.mlp.fc1.weight")).isEqualTo(new Shape(5120, 640, 1, 1));
        assertThat(s.get("translator.enc.0.reduction.weight")).isEqualTo(new Shape(128, 640, 1, 1));
        assertThat(s.get("translator.enc.3.block.attn.qkv.weight")).isEqualTo(new Shape(384, 128));
        assertThat(s.get("translator.enc.3.block.gamma_1")).isEqualTo(new Shape(128));
        assertThat(s.get("translator.enc.7.block.norm2.num_batches_tracked")).isEqualTo(new Shape());
        assertThat(s.get("translator.enc.7.reduction.weight")).isEqualTo(new Shape(640, 128, 1, 1));
        assertThat(s.get("prompt.pad_left")).isEqualTo(new Shape(1, 3, 64, 32));
        assertThat(s).doesNotContainKey("translator.enc.1.reduction.weight");
    }

    @Test
    void customSizesAreAllowedAndValidated() {
        Gs2pmConfig c = Gs2pmConfig.builder().hidS(16).hidT(32).nS(2).nT(2).frames(5).build();
        assertThat(c.scaleName()).isEqualTo("custom");
        assertThat(new Gs2pmNetwork(c).stateDictShapes()).containsKey("translator.enc.1.reduction.weight");
        assertThatThrownBy(() -> Gs2pmConfig.builder().hidT(100).build()).hasMessageContaining("hid_T (100)").hasMessageContaining("heads");
        assertThatThrownBy(() -> Gs2pmConfig.builder().nS(3).build()).hasMessageContaining("N_S must be even");
        assertThatThrownBy(() -> Gs2pmConfig.builder().nT(1).imageSize(64).build())
                .hasMessageContaining("N_T must be at least 2").hasMessageContaining("image size must be 128");
        assertThatThrownBy(() -> Gs2pmConfig.scale("huge")).hasMessageContaining("tiny, medium, large");
    }

    @Test
    void dropPathScheduleReproducesTheOfficialQuirkByDefault() {
        float[] official = Gs2pmConfig.scale("tiny").build().dropPathRates();
        assertThat(official[0]).isEqualTo(0.01f);
        assertThat(official[1]).isCloseTo(0.00857f, org.assertj.core.data.Offset.offset(1e-5f));
        assertThat(official[7]).isZero();
        float[] plain = Gs2pmConfig.scale("tiny").officialDropPathSchedule(false).build().dropPathRates();
        assertThat(plain).containsOnly(0f);
    }
}
