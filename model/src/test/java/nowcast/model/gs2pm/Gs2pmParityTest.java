package nowcast.model.gs2pm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import nowcast.model.weights.NamedTensor;
import nowcast.model.weights.Npy;
import nowcast.model.weights.WeightsFiles;
import org.junit.jupiter.api.Test;

/**
 * The Java network against the official PyTorch output on the shared fixture: same weights, same
 * input, max |diff| <= 1e-4, and every intermediate stage's statistics match, so a mismatch shows
 * where it starts.
 */
class Gs2pmParityTest {

    private static void assertParity(String weightsFile) throws Exception {
        Path dir = ParityFixture.dir();
        JsonNode info = new ObjectMapper().readTree(dir.resolve("fixture_info.json").toFile());
        Map<String, NamedTensor> weights = WeightsFiles.read(dir.resolve(weightsFile));
        assertThat(weights).hasSize(info.get("state_dict").size());
        NamedTensor input = Npy.read(dir.resolve("input.npy"));
        float[] expected = Npy.read(dir.resolve("output_pred.npy")).toFloats();
        int batch = (int) input.shape()[0];

        Map<String, float[]> stages = new LinkedHashMap<>();
        float[] out;
        try (Gs2pmModel model = Gs2pmModel.withWeights(weights, weightsFile)) {
            JsonNode cfg = info.get("config");
            assertThat(model.config().hidS()).isEqualTo(cfg.get("hid_S").asInt());
            assertThat(model.config().hidT()).isEqualTo(cfg.get("hid_T").asInt());
            assertThat(model.config().nT()).isEqualTo(cfg.get("N_T").asInt());
            assertThat(model.config().frames()).isEqualTo(cfg.get("T").asInt());
            out = model.predict(input.toFloats(), batch, stages::put);
        }

        StringBuilder report = new StringBuilder();
        boolean stageMismatch = false;
        for (var it = info.get("stages").fields(); it.hasNext(); ) {
            var e = it.next();
            float[] v = stages.get(e.getKey());
            assertThat(v).as("stage " + e.getKey() + " reported").isNotNull();
            double mean = 0;
            for (float f : v) {
                mean += f;
            }
            mean /= v.length;
            double var = 0;
            for (float f : v) {
                var += (f - mean) * (f - mean);
            }
            double std = Math.sqrt(var / v.length);
            double refMean = e.getValue().get("mean").asDouble();
            double refStd = e.getValue().get("std").asDouble();
            double firstDiff = 0;
            JsonNode first8 = e.getValue().get("first8");
            for (int i = 0; i < first8.size(); i++) {
                firstDiff = Math.max(firstDiff, Math.abs(first8.get(i).asDouble() - v[i]));
            }
            boolean ok = Math.abs(mean - refMean) < 1e-4 && Math.abs(std - refStd) < 1e-4 && firstDiff < 1e-4;
            stageMismatch |= !ok;
            report.append(String.format("%n  %-18s mean %.6f (ref %.6f) std %.6f (ref %.6f) first8 maxdiff %.2e %s",
                    e.getKey(), mean, refMean, std, refStd, firstDiff, ok ? "ok" : "MISMATCH"));
        }
        assertThat(stageMismatch).as("stage statistics:" + report).isFalse();

        assertThat(out).hasSameSizeAs(expected);
        double maxDiff = 0;
        for (int i = 0; i < out.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(out[i] - expected[i]));
        }
        assertThat(maxDiff).as("max |diff| against the official output").isLessThanOrEqualTo(1e-4);
    }

    @Test
    void npzWeightsReproduceTheOfficialOutput() throws Exception {
        assertParity("state_dict.npz");
    }

    @Test
    void pthCheckpointReproducesTheOfficialOutput() throws Exception {
        assertParity("state_dict.pth");
    }
}
