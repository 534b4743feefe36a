package nowcast.app.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import ai.djl.engine.Engine;
import ai.djl.engine.StandardCapabilities;
import nowcast.app.CommandRun;
import nowcast.app.NowcastCommand;
import nowcast.model.device.DeviceChoice;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

class DeviceOptionTest {

    /** Every command that runs GS2PM, as a path of subcommand names with the arguments it needs to parse. */
    private static final List<List<String>> COMMANDS = List.of(
            List.of("predict", "--bootstrap", "b:9092", "--registry", "http://r"),
            List.of("demo"),
            List.of("evaluate", "--nowcaster", "gs2pm", "--out", "o"),
            List.of("model", "run", "--artifact", "a", "--input", "i.npy", "--output", "o.npy"),
            List.of("bench", "model"),
            List.of("bench", "pipeline"),
            List.of("train", "pretrain", "--output", "o"),
            List.of("train", "tune", "--model", "m", "--output", "o"));

    @TempDir
    Path tmp;

    private static DeviceChoice parsed(Map<String, String> env, List<String> command, String... extra) {
        CommandLine cl = NowcastCommand.commandLine(env);
        String[] args = new String[command.size() + extra.length];
        for (int i = 0; i < command.size(); i++) {
            args[i] = command.get(i);
        }
        System.arraycopy(extra, 0, args, command.size(), extra.length);
        ParseResult r = cl.parseArgs(args);
        while (r.hasSubcommand()) {
            r = r.subcommand();
        }
        return r.commandSpec().findOption("--device").getValue();
    }

    @Test
    void everyModelCommandTakesTheDeviceFromFlagEnvironmentFileOrDefaultInThatOrder() throws Exception {
        Path file = tmp.resolve("nowcast.properties");
        Files.writeString(file, "device=gpu:2\n");
        for (List<String> command : COMMANDS) {
            assertThat(parsed(Map.of(), command).isAuto()).as("default of %s", command).isTrue();
            assertThat(parsed(Map.of("NOWCAST_CONFIG", file.toString()), command).toString()).as("file, %s", command).isEqualTo("gpu:2");
            assertThat(parsed(Map.of("NOWCAST_CONFIG", file.toString(), "NOWCAST_DEVICE", "cpu"), command).toString())
                    .as("environment over file, %s", command).isEqualTo("cpu");
            assertThat(parsed(Map.of("NOWCAST_CONFIG", file.toString(), "NOWCAST_DEVICE", "cpu"), command, "--device", "gpu:1").toString())
                    .as("flag over environment, %s", command).isEqualTo("gpu:1");
        }
        assertThat(parsed(Map.of(), COMMANDS.get(0), "--device", "gpu:0,gpu:1").size()).isEqualTo(2);
    }

    @Test
    void aMisspeltDeviceIsAUsageErrorNamingIt() {
        CommandRun r = CommandRun.of("bench", "model", "--device", "tpu");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("'tpu' is not a device");
    }

    private static boolean engineHasGpu() {
        Engine e = Engine.getEngine("PyTorch");
        return e.hasCapability(StandardCapabilities.CUDA) && e.getGpuCount() > 0;
    }

    /** On a machine whose engine sees no GPU (the CPU build of CI): one line, exit code 1, nothing started. */
    @Test
    void askingForAGpuWithoutOneFailsAtStartWithOneLineSayingHowToGetTheCudaEngine() {
        Assumptions.assumeFalse(engineHasGpu(), "this machine has a GPU");
        List<List<String>> commands = List.of(
                List.of("predict", "--bootstrap", "127.0.0.1:1", "--registry", "http://127.0.0.1:1", "--metrics-port", "-1"),
                List.of("demo", "--port", "0", "--data-dir", tmp.resolve("demo").toString()),
                List.of("evaluate", "--nowcaster", "persistence", "--out", tmp.resolve("eval").toString()),
                List.of("model", "run", "--weights", "w.npz", "--input", "i.npy", "--output", "o.npy"),
                List.of("bench", "model", "--scale", "tiny"),
                List.of("bench", "pipeline", "--nowcaster", "persistence"),
                List.of("train", "pretrain", "--synthetic", "4", "--steps", "1", "--output", tmp.resolve("t").toString()),
                List.of("train", "tune", "--model", "m", "--synthetic", "4", "--steps", "1", "--output", tmp.resolve("u").toString()));
        for (List<String> command : commands) {
            String[] args = new java.util.ArrayList<String>(command) {{ add("--device"); add("gpu"); }}.toArray(String[]::new);
            CommandRun r = CommandRun.of(args);
            assertThat(r.code()).as("%s: %s", command, r.err()).isEqualTo(1);
            List<String> lines = r.err().lines().filter(l -> !l.isBlank() && !l.contains(" INFO ") && !l.contains(" WARN ")).toList();
            assertThat(lines).as("%s", command).hasSize(1);
            assertThat(lines.get(0)).startsWith("error: device gpu:0 asked for").contains("CUDA engine")
                    .contains("docker/Dockerfile.gpu");
            assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
        }
        assertThat(tmp.resolve("demo")).doesNotExist();
    }

    @Test
    void autoRunsOnTheCpuHereAndSaysSo() {
        Assumptions.assumeFalse(engineHasGpu(), "this machine has a GPU");
        CommandRun r = CommandRun.of("bench", "model", "--scale", "tiny", "--batch", "1", "--warmup", "0", "--repeat", "1");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains(", on cpu;").contains("malloc: ");
    }
}
