package nowcast.platform.interop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * npm's kafkajs with @kafkajs/confluent-schema-registry (and fzstd for Zstandard pixels) against the in-process broker and
 * registry. The pinned packages ({@code package-lock.json}) are installed with {@code npm ci} into
 * {@code target/interop-node}; skipped when node/npm are missing or the install fails (offline).
 */
class KafkajsInteropIT {

    @Test
    void kafkajsReadsJavaFramesAndJavaReadsKafkajsFrames() throws Exception {
        Assumptions.assumeTrue(works("node", "--version") && works("npm", "--version"),
                "skipped: node and npm are needed on the PATH (Debian: apt-get install nodejs npm)");
        Path project = Path.of("target", "interop-node").toAbsolutePath();
        Files.createDirectories(project);
        for (String file : List.of("package.json", "package-lock.json", "roundtrip.js")) {
            Files.copy(PythonInteropIT.resource("interop/node/" + file), project.resolve(file),
                    StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.isDirectory(project.resolve("node_modules/kafkajs"))
                || !Files.isDirectory(project.resolve("node_modules/@kafkajs/confluent-schema-registry"))
                || !Files.isDirectory(project.resolve("node_modules/fzstd"))) {
            Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts")
                    .directory(project.toFile()).redirectErrorStream(true).start();
            String output = new String(npm.getInputStream().readAllBytes());
            Assumptions.assumeTrue(npm.waitFor() == 0,
                    "skipped: 'npm ci' of kafkajs, @kafkajs/confluent-schema-registry and fzstd failed (no npm registry?): "
                            + output.trim());
        }

        InteropScenario scenario = new InteropScenario("kafkajs");
        List<String> command = new ArrayList<>(List.of("node", "roundtrip.js"));
        command.addAll(scenario.args());
        var lines = InteropScenario.run(command, project, Duration.ofSeconds(120),
                Map.of("KAFKAJS_NO_PARTITIONER_WARNING", "1"));
        scenario.verifyClientOutput(lines);
        scenario.verifyJavaReadsClientFrames("kafkajs");
    }

    private static boolean works(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
