package nowcast.app.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nowcast.app.CommandRun;

class EvaluateCommandTest {

    @TempDir
    Path tmp;

    private static CommandRun run(String... args) {
        return CommandRun.of(args);
    }

    private static Path mchEvent() {
        String shared = System.getProperty("nowcast.shared.dir");
        Path dir = shared == null ? null : Path.of(shared, "data", "radar", "mch", "20170131");
        Assumptions.assumeTrue(dir != null && Files.isDirectory(dir), "MeteoSwiss sample event not found: " + dir);
        return dir;
    }

    @Test
    void evaluatesAnArchiveAndWritesEveryOutput() throws Exception {
        Path out = tmp.resolve("eval");
        CommandRun r = run("evaluate", "--format", "mch", "--path", mchEvent().toString(), "--crop", "132,300",
                "--nowcaster", "persistence,extrapolation", "--out", out.toString());

        assertThat(r.code()).as(r.err()).isZero();
        List<String> csv = Files.readAllLines(out.resolve("metrics.csv"));
        assertThat(csv.get(0)).isEqualTo("method,event,lead,lead_min,mse,mae,ssim,thr,csi,pod,far");
        // the protocol's persistence avg CSI at 1 mm/h on this event is 0.391
        String avg = csv.stream().filter(l -> l.startsWith("persistence,mch_20170131,avg,,")).findFirst().orElseThrow();
        assertThat(Double.parseDouble(avg.split(",")[8])).isBetween(0.3905, 0.3915);
        assertThat(csv).anyMatch(l -> l.startsWith("extrapolation,mch_20170131,10,50,"));
        assertThat(out.resolve("metrics.md")).content().contains("| extrapolation | mch_20170131 | avg |");
        assertThat(out.resolve("skill.png")).isNotEmptyFile();
        assertThat(out.resolve("strip-mch_20170131.png")).isNotEmptyFile();
    }

    @Test
    void badCropIsReportedWithTheExpectedForm() {
        CommandRun r = run("evaluate", "--format", "mch", "--path", tmp.toString(), "--crop", "132;300",
                "--nowcaster", "persistence", "--out", tmp.resolve("x").toString());

        assertThat(r.code()).isNotZero();
        assertThat(r.err()).contains("--crop must be ROW,COL").contains("132;300");
    }

    @Test
    void unknownNowcasterListsTheKnownOnes() throws Exception {
        CommandRun r = run("evaluate", "--format", "mch", "--path", mchEvent().toString(), "--crop", "132,300",
                "--nowcaster", "magic", "--out", tmp.resolve("x").toString());

        assertThat(r.code()).isNotZero();
        assertThat(r.err()).contains("unknown nowcaster 'magic'").contains("persistence").contains("extrapolation");
    }
}
