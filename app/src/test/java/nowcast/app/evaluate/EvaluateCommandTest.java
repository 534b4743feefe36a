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

    private static Path radarDir() {
        String shared = System.getProperty("nowcast.shared.dir");
        Path dir = shared == null ? null : Path.of(shared, "data", "radar");
        Assumptions.assumeTrue(dir != null && Files.isDirectory(dir.resolve("bom")), "radar sample data not found: " + dir);
        return dir;
    }

    @Test
    void developmentScoresTheThreeDevelopmentEventsWithTheirOwnGrids() throws Exception {
        Path out = tmp.resolve("dev");
        CommandRun r = run("evaluate", "--development", radarDir().toString(), "--nowcaster", "persistence",
                "--out", out.toString());

        assertThat(r.code()).as(r.err()).isZero();
        List<String> csv = Files.readAllLines(out.resolve("metrics.csv"));
        assertThat(csv.stream().map(l -> l.split(",")[1]).filter(e -> !e.equals("event")).distinct())
                .containsExactly("mch_20170131", "fmi_20170509", "bom_20180616");
        // BoM is a 6-minute archive: lead 10 is 60 minutes; its reference persistence avg CSI at 1 mm/h is 0.399
        assertThat(csv).anyMatch(l -> l.startsWith("persistence,bom_20180616,10,60,"));
        String avg = csv.stream().filter(l -> l.startsWith("persistence,bom_20180616,avg,,")).findFirst().orElseThrow();
        assertThat(Double.parseDouble(avg.split(",")[8])).isBetween(0.3985, 0.3995);
        assertThat(out.resolve("metrics.md")).content().contains("| persistence | bom_20180616 | 6 min |");
    }

    @Test
    void eventsSelectCatalogueEventsByName() throws Exception {
        Path out = tmp.resolve("opera");
        CommandRun r = run("evaluate", "--radar-dir", radarDir().toString(), "--events", "opera_20180824",
                "--nowcaster", "persistence", "--out", out.toString());

        assertThat(r.code()).as(r.err()).isZero();
        // 15-minute composite: the markdown shows leads 15, 90 and 150 min
        assertThat(out.resolve("metrics.md")).content().contains("| persistence | opera_20180824 | 150 min |");
    }

    @Test
    void sizeAndBlockMustGiveTheModelGrid() {
        CommandRun r = run("evaluate", "--format", "mch", "--path", tmp.toString(), "--crop", "0,0", "--size", "300",
                "--block", "2", "--nowcaster", "persistence", "--out", tmp.resolve("x").toString());

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").contains("--size 300 --block 2").contains("size / block = 128");
    }

    @Test
    void eventSelectionMistakesAreOneLineErrors() {
        CommandRun unknown = run("evaluate", "--radar-dir", tmp.toString(), "--events", "development,mch_2099",
                "--nowcaster", "persistence", "--out", tmp.resolve("x").toString());
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err().strip()).doesNotContain("\n").contains("unknown event 'mch_2099'").contains("bom_20180616");

        CommandRun orphan = run("evaluate", "--events", "all", "--nowcaster", "persistence",
                "--out", tmp.resolve("x").toString());
        assertThat(orphan.code()).isEqualTo(2);
        assertThat(orphan.err()).contains("--events needs --radar-dir");

        CommandRun mixed = run("evaluate", "--development", tmp.toString(), "--size", "512", "--block", "4",
                "--nowcaster", "persistence", "--out", tmp.resolve("x").toString());
        assertThat(mixed.code()).isEqualTo(2);
        assertThat(mixed.err()).contains("catalogue events have their own archive, crop, size and block");
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
        assertThat(r.err()).doesNotContain("\tat ");
    }
}
