package nowcast.model.gs2pm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

import nowcast.frame.Quantity;
import nowcast.model.weights.NamedTensor;
import nowcast.model.weights.Npy;
import nowcast.model.weights.SafeTensors;
import nowcast.model.weights.WeightsFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Gs2pmArtifactTest {

    @TempDir
    Path tmp;

    private static float[] input(int batch, int frames, long seed) {
        Random r = new Random(seed);
        float[] x = new float[batch * frames * 3 * 128 * 128];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextFloat();
        }
        return x;
    }

    @Test
    void artifactRoundTripKeepsNamesShapesAndOutputs() throws IOException {
        Path dir = tmp.resolve("a");
        float[] x = input(1, 10, 1);
        float[] before;
        try (Gs2pmModel model = Gs2pmModel.randomlyInitialised(SmallArtifacts.CONFIG, 3)) {
            before = model.predict(x, 1);
            Gs2pmArtifact.write(dir, model, "v1", "rain", Normalisation.defaultFor(Quantity.RAIN_RATE),
                    new Gs2pmArtifact.Provenance("test", null, null));
        }
        Gs2pmArtifact artifact = Gs2pmArtifact.open(dir);
        assertThat(artifact.config().network()).isEqualTo(SmallArtifacts.CONFIG);
        assertThat(artifact.hash()).hasSize(64);
        assertThat(artifact.identity().name()).isEqualTo("gs2pm");
        assertThat(artifact.identity().artifactHash()).isEqualTo(artifact.hash());
        Map<String, NamedTensor> st = SafeTensors.read(dir.resolve(Gs2pmArtifact.WEIGHTS_FILE));
        assertThat(st.keySet()).containsExactlyElementsOf(new Gs2pmNetwork(SmallArtifacts.CONFIG).stateDictShapes().keySet());
        assertThat(st.get("translator.enc.0.block.norm1.num_batches_tracked").type().name()).isEqualTo("INT64");
        String json = Files.readString(dir.resolve(Gs2pmArtifact.CONFIG_FILE));
        assertThat(json).contains("\"hid_T\" : 16").contains("\"unit\" : \"mm/h\"").contains("\"quantity\" : \"RAIN_RATE\"");
        try (Gs2pmModel loaded = artifact.load()) {
            assertThat(loaded.predict(x, 1)).containsExactly(before);
        }
    }

    @Test
    void fixtureImportedAsArtifactStillMatchesTheOfficialOutput() throws IOException {
        Path fixture = ParityFixture.dir();
        Path dir = tmp.resolve("fixture");
        NamedTensor in = Npy.read(fixture.resolve("input.npy"));
        float[] expected = Npy.read(fixture.resolve("output_pred.npy")).toFloats();
        try (Gs2pmModel m = Gs2pmModel.withWeights(WeightsFiles.read(fixture.resolve("state_dict.pth")), "pth")) {
            Gs2pmArtifact.write(dir, m, "fixture", "grey", Normalisation.defaultFor(Quantity.GREY_LEVEL), null);
        }
        try (Gs2pmModel m = Gs2pmArtifact.open(dir).load()) {
            float[] out = m.predict(in.toFloats(), (int) in.shape()[0]);
            double max = 0;
            for (int i = 0; i < out.length; i++) {
                max = Math.max(max, Math.abs(out[i] - expected[i]));
            }
            assertThat(max).isLessThanOrEqualTo(1e-4);
        }
    }

    @Test
    void configThatDoesNotMatchTheWeightsNamesTheTensors() throws IOException {
        Path dir = tmp.resolve("b");
        SmallArtifacts.write(dir, Quantity.RAIN_RATE, 4);
        Path cfg = dir.resolve(Gs2pmArtifact.CONFIG_FILE);
        Files.writeString(cfg, Files.readString(cfg).replace("\"hid_T\" : 16", "\"hid_T\" : 24"));
        Gs2pmArtifact a = Gs2pmArtifact.open(dir);
        assertThatThrownBy(a::load).isInstanceOf(IOException.class)
                .hasMessageContaining("translator.enc.0.reduction.weight is [16, 80, 1, 1] in the file, the network needs (24, 80, 1, 1)")
                .hasMessageContaining("hid_T=24");
    }

    @Test
    void truncatedWeightsFileIsReportedWithTheTensorName() throws IOException {
        Path dir = tmp.resolve("c");
        SmallArtifacts.write(dir, Quantity.RAIN_RATE, 5);
        Path w = dir.resolve(Gs2pmArtifact.WEIGHTS_FILE);
        byte[] all = Files.readAllBytes(w);
        Files.write(w, java.util.Arrays.copyOf(all, all.length - 1000));
        assertThatThrownBy(() -> Gs2pmArtifact.open(dir).load()).hasMessageContaining("truncated").hasMessageContaining("prompt.pad_");
        Files.write(w, java.util.Arrays.copyOf(all, 5));
        assertThatThrownBy(() -> Gs2pmArtifact.open(dir).load()).hasMessageContaining("truncated");
    }

    @Test
    void residualNetworkAddsItsOutputToTheLastFrameAndStartsAsPersistence() throws IOException {
        Gs2pmConfig residual = Gs2pmConfig.builder().hidS(8).hidT(16).nS(4).nT(3).frames(10).residual(true).build();
        Gs2pmConfig plain = Gs2pmConfig.builder().hidS(8).hidT(16).nS(4).nT(3).frames(10).build();
        float[] x = input(2, 10, 12);
        int frame = 3 * 128 * 128;
        try (Gs2pmModel res = Gs2pmModel.randomlyInitialised(residual, 4); Gs2pmModel off = Gs2pmModel.randomlyInitialised(plain, 4)) {
            float[] withIncrement = res.predict(x, 2);
            float[] increment = off.predict(x, 2);
            double worst = 0;
            for (int i = 0; i < x.length; i++) {
                int b = i / (10 * frame);
                worst = Math.max(worst, Math.abs(withIncrement[i] - increment[i] - x[b * 10 * frame + 9 * frame + i % frame]));
            }
            assertThat(worst).as("residual output - plain output - last frame").isLessThan(1e-5);
            res.network().applyXavierInitialisation(5);
            float[] fresh = res.predict(x, 2);
            int mismatches = 0;
            for (int i = 0; i < x.length; i++) {
                int b = i / (10 * frame);
                mismatches += fresh[i] == x[b * 10 * frame + 9 * frame + i % frame] ? 0 : 1;
            }
            assertThat(mismatches).as("values of a fresh residual network that differ from persistence").isZero();
            Gs2pmArtifact a = Gs2pmArtifact.write(tmp.resolve("res"), res, "r", "radar", Normalisation.defaultFor(Quantity.RAIN_RATE), null);
            assertThat(Files.readString(a.directory().resolve(Gs2pmArtifact.CONFIG_FILE))).contains("\"output\" : \"increment-over-last-input\"");
            try (Gs2pmModel loaded = Gs2pmArtifact.open(a.directory()).load()) {
                assertThat(loaded.config().residual()).isTrue();
                assertThat(java.util.Arrays.equals(loaded.predict(x, 2), fresh)).as("the artifact reproduces the forecast").isTrue();
            }
        }
        Path dir = tmp.resolve("plain");
        SmallArtifacts.write(dir, Quantity.RAIN_RATE, 6);
        assertThat(Files.readString(dir.resolve(Gs2pmArtifact.CONFIG_FILE))).doesNotContain("\"output\"");
        assertThat(Gs2pmArtifact.open(dir).config().network().residual()).isFalse();
    }

    @Test
    void badConfigFieldsAreNamed() throws IOException {
        Path dir = tmp.resolve("d");
        SmallArtifacts.write(dir, Quantity.RAIN_RATE, 6);
        Path cfg = dir.resolve(Gs2pmArtifact.CONFIG_FILE);
        String good = Files.readString(cfg);
        Files.writeString(cfg, good.replace("\"output_frames\" : 10", "\"output_frames\" : 12"));
        assertThatThrownBy(() -> Gs2pmArtifact.open(dir)).hasMessageContaining("output_frames (12)");
        Files.writeString(cfg, good.replace("\"N_S\" : 4", "\"N_S\" : 3"));
        assertThatThrownBy(() -> Gs2pmArtifact.open(dir)).hasMessageContaining("N_S must be even");
        Files.writeString(cfg, good.replace("\"output_frames\" : 10", "\"output_frames\" : 10, \"output\" : \"delta\""));
        assertThatThrownBy(() -> Gs2pmArtifact.open(dir)).hasMessageContaining("field 'output' is 'delta'");
        Files.writeString(cfg, good.replace("\"product\"", "\"prodcut\""));
        assertThatThrownBy(() -> Gs2pmArtifact.open(dir)).hasMessageContaining("prodcut");
        Files.writeString(cfg, good.replace("\"transform\" : \"log1p\"", "\"transform\" : \"sqrt\""));
        assertThatThrownBy(() -> Gs2pmArtifact.open(dir)).hasMessageContaining("normalisation.transform");
    }

    @Test
    void strictLoadingListsMissingAndUnexpectedNamesAndRejectsNaN() throws IOException {
        Path dir = tmp.resolve("e");
        SmallArtifacts.write(dir, Quantity.RAIN_RATE, 7);
        Map<String, NamedTensor> st = new java.util.LinkedHashMap<>(SafeTensors.read(dir.resolve(Gs2pmArtifact.WEIGHTS_FILE)));
        NamedTensor gamma = st.remove("translator.enc.1.block.gamma_1");
        st.put("translator.enc.1.block.gamma1", gamma.withName("translator.enc.1.block.gamma1"));
        assertThatThrownBy(() -> Gs2pmModel.withWeights(SmallArtifacts.CONFIG, st, "edited"))
                .hasMessageContaining("missing (1): translator.enc.1.block.gamma_1")
                .hasMessageContaining("unexpected (1): translator.enc.1.block.gamma1");
        st.remove("translator.enc.1.block.gamma1");
        float[] nan = new float[16];
        nan[3] = Float.NaN;
        st.put("translator.enc.1.block.gamma_1", NamedTensor.ofFloats("translator.enc.1.block.gamma_1", new long[] {16}, nan));
        assertThatThrownBy(() -> Gs2pmModel.withWeights(SmallArtifacts.CONFIG, st, "edited"))
                .hasMessageContaining("translator.enc.1.block.gamma_1 contains NaN");
    }

    @Test
    void sizesAreInferredFromAnOfficialCheckpoint() throws IOException {
        Map<String, NamedTensor> st = WeightsFiles.read(ParityFixture.dir().resolve("state_dict.pth"));
        Map<String, long[]> shapes = new java.util.LinkedHashMap<>();
        st.forEach((k, v) -> shapes.put(k, v.shape()));
        Gs2pmConfig c = Gs2pmConfig.inferFromShapes(shapes);
        assertThat(c.hidS()).isEqualTo(8);
        assertThat(c.hidT()).isEqualTo(16);
        assertThat(c.nS()).isEqualTo(4);
        assertThat(c.nT()).isEqualTo(3);
        assertThat(c.frames()).isEqualTo(4);
        assertThat(c.mlpRatio()).isEqualTo(8);
    }
}
