package nowcast.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Wrong input on the command line, as a user types it (separate JVMs, the real jar): one line that names the
 * option and what it accepts, a non-zero exit, never a stack trace.
 */
class BadInvocationsIT {

    @TempDir
    Path folder;

    private record Case(List<String> args, int exitCode, List<String> mentions) {
    }

    @Test
    void eachBadInvocationGetsOneLineNamingTheOption() throws Exception {
        Path knmi = SampleArchive.ALL.get(0).path();
        Path emptyModel = Files.createDirectories(folder.resolve("not-a-model"));
        String kafka = "--bootstrap=127.0.0.1:9";
        String registry = "--registry=http://127.0.0.1:9";
        List<Case> cases = List.of(
                new Case(List.of("demo", "--port", "eighty"), 2, List.of("--port", "'eighty' is not an int")),
                new Case(List.of("demo", "--colour", "red"), 2, List.of("Unknown option", "--colour")),
                new Case(List.of("ingest", "replay", "--format", "nexrad", "--path", knmi.toString(), kafka, registry),
                        2, List.of("--format", "nexrad", "knmi, odim")),
                new Case(List.of("ingest", "replay", "--format", "knmi", "--path", folder.resolve("nothing").toString(),
                        kafka, registry), 2, List.of("--path", "does not exist")),
                new Case(List.of("ingest", "replay", "--format", "knmi", "--path", knmi.toString(), kafka, registry,
                        "--size-policy", "shrink"), 2, List.of("--size-policy", "shrink", "downsample:ROWSxCOLS")),
                new Case(List.of("predict", kafka, registry, "--nowcaster", "gs3pm"), 2,
                        List.of("--nowcaster", "gs3pm", "persistence, gs2pm")),
                new Case(List.of("evaluate", "--nowcaster", "gs2pm", "--format", "knmi", "--path", knmi.toString(),
                        "--crop", "100", "--out", folder.toString()), 2, List.of("--crop", "ROW,COL")),
                // a run-time failure: said in one line too, with exit status 1
                new Case(List.of("evaluate", "--nowcaster", "gs2pm", "--artifact", emptyModel.toString(), "--format",
                        "knmi", "--path", knmi.toString(), "--crop", "0,0", "--out", folder.toString()), 1,
                        List.of(emptyModel.toString(), "config.json")));
        for (Case c : cases) {
            JarProcess.Result r = JarProcess.run(folder, Duration.ofSeconds(120), c.args().toArray(String[]::new));
            String what = "nowcast " + String.join(" ", c.args()) + " printed:\n" + r.output();
            List<String> lines = r.output().lines().filter(l -> !l.isBlank()).toList();
            assertThat(lines).as(what).hasSize(1);
            assertThat(lines.get(0)).as(what).startsWith("nowcast ").contains(c.mentions())
                    .doesNotContain("Exception", "\tat ");
            assertThat(r.code()).as(what).isEqualTo(c.exitCode());
        }
    }
}
