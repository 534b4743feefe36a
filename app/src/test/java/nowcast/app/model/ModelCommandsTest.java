package nowcast.app.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import nowcast.app.CommandRun;
import nowcast.model.weights.NamedTensor;
import nowcast.model.weights.Npy;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCommandsTest {

    @TempDir
    Path tmp;

    private static CommandRun run(String... args) {
        return CommandRun.of(args);
    }

    private static Path fixture() {
        String shared = System.getProperty("nowcast.shared.dir");
        Path dir = shared == null ? null : Path.of(shared, "fixtures", "gs2pm-small");
        Assumptions.assumeTrue(dir != null && Files.isDirectory(dir), "shared fixture gs2pm-small not found: " + dir);
        return dir;
    }

    @Test
    void infoPrintsBothParameterCountsAndMacs() {
        CommandRun r = run("model", "info", "--scale", "medium");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("99,839,491").contains("99,899,395").contains("144.48 G");
    }

    @Test
    void runWithAnOfficialCheckpointAloneInfersTheSizes() throws Exception {
        Path f = fixture();
        Path out = tmp.resolve("out.npy");
        CommandRun r = run("model", "run", "--weights", f.resolve("state_dict.pth").toString(),
                "--input", f.resolve("input.npy").toString(), "--output", out.toString(), "--batch", "1");
        assertThat(r.code()).as(r.err()).isZero();
        float[] got = Npy.read(out).toFloats();
        float[] want = Npy.read(f.resolve("output_pred.npy")).toFloats();
        double max = 0;
        for (int i = 0; i < got.length; i++) {
            max = Math.max(max, Math.abs(got[i] - want[i]));
        }
        assertThat(max).isLessThanOrEqualTo(1e-4);
    }

    @Test
    void importWritesAnArtifactAndRunUsesIt() throws Exception {
        Path f = fixture();
        Path art = tmp.resolve("art");
        CommandRun wrong = run("model", "import", "--pth", f.resolve("state_dict.pth").toString(), "--scale", "tiny", "--out", art.toString());
        assertThat(wrong.code()).isEqualTo(1);
        assertThat(wrong.err()).contains("not scale tiny").contains("hid_T=16");
        CommandRun ok = run("model", "import", "--pth", f.resolve("state_dict.pth").toString(), "--scale", "custom", "--out", art.toString());
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(art.resolve("config.json")).exists();
        assertThat(art.resolve("weights.safetensors")).exists();
        CommandRun r = run("model", "run", "--artifact", art.toString(), "--input", f.resolve("input.npy").toString(),
                "--output", tmp.resolve("o.npy").toString());
        assertThat(r.code()).as(r.err()).isZero();
    }

    @Test
    void configureSetsThePostProcessingKeepsTheWeightsAndChangesTheHash() throws Exception {
        Path f = fixture();
        Path art = tmp.resolve("art");
        assertThat(run("model", "import", "--pth", f.resolve("state_dict.pth").toString(), "--scale", "custom", "--out", art.toString()).code())
                .isZero();
        String hashBefore = nowcast.model.gs2pm.Gs2pmArtifact.open(art).hash();
        byte[] weightsBefore = nowcast.model.weights.SafeTensors.read(art.resolve("weights.safetensors")).get("enc.enc.0.conv.conv.weight").data();
        CommandRun bad = run("model", "configure", "--artifact", art.toString(), "--postprocess", "sharpen");
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err()).contains("postprocess is 'sharpen'");
        CommandRun ok = run("model", "configure", "--artifact", art.toString(), "--postprocess", "probability-matching");
        assertThat(ok.code()).as(ok.err()).isZero();
        nowcast.model.gs2pm.Gs2pmArtifact after = nowcast.model.gs2pm.Gs2pmArtifact.open(art);
        assertThat(after.config().postprocess()).isEqualTo("probability-matching");
        assertThat(after.hash()).isNotEqualTo(hashBefore);
        assertThat(nowcast.model.weights.SafeTensors.read(art.resolve("weights.safetensors")).get("enc.enc.0.conv.conv.weight").data())
                .isEqualTo(weightsBefore);
    }

    @Test
    void badInputShapesAndNaNsAreNamed() throws Exception {
        Path f = fixture();
        Path bad = tmp.resolve("bad.npy");
        Npy.write(bad, NamedTensor.ofFloats("x", new long[] {1, 4, 3, 64, 64}, new float[4 * 3 * 64 * 64]));
        CommandRun r = run("model", "run", "--weights", f.resolve("state_dict.npz").toString(), "--input", bad.toString(),
                "--output", tmp.resolve("o.npy").toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("[1, 4, 3, 64, 64]").contains("(B, 4, 3, 128, 128)");
        float[] v = new float[4 * 3 * 128 * 128];
        v[3 * 128 * 128 * 2 + 5] = Float.NaN;
        Npy.write(bad, NamedTensor.ofFloats("x", new long[] {1, 4, 3, 128, 128}, v));
        r = run("model", "run", "--weights", f.resolve("state_dict.npz").toString(), "--input", bad.toString(),
                "--output", tmp.resolve("o.npy").toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("NaN").contains("frame 2");
        Path trunc = tmp.resolve("trunc.pth");
        byte[] all = Files.readAllBytes(f.resolve("state_dict.pth"));
        Files.write(trunc, java.util.Arrays.copyOf(all, all.length / 2));
        r = run("model", "run", "--weights", trunc.toString(), "--input", bad.toString(), "--output", tmp.resolve("o.npy").toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("trunc.pth");
    }
}
