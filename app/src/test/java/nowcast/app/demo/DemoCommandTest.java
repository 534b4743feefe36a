package nowcast.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

import nowcast.app.NowcastCommand;

/** Bad demo arguments are rejected before anything starts, with a message naming the option. */
class DemoCommandTest {

    @TempDir
    Path dir;

    private record Result(int exitCode, String err) {
    }

    private Result run(String... args) {
        CommandLine cl = NowcastCommand.commandLine(Map.of());
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        int rc = cl.execute(args);
        return new Result(rc, err.toString());
    }

    @Test
    void archiveNeedsItsFormat() {
        Result r = run("demo", "--data-dir", dir.toString(), "--archive", dir.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--archive and --format go together");
    }

    @Test
    void missingArchiveIsNamed() {
        Path missing = dir.resolve("no-such-archive");
        Result r = run("demo", "--data-dir", dir.toString(), "--archive", missing.toString(), "--format", "knmi");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains(missing.toString(), "does not exist");
    }

    @Test
    void durationMustBePositive() {
        Result r = run("demo", "--data-dir", dir.toString(), "--duration", "0s");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--duration");
    }
}
