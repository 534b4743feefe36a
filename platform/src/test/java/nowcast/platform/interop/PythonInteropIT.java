package nowcast.platform.interop;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Debian's python3-confluent-kafka with python3-avro (the legacy {@code confluent_kafka.avro}
 * API) and python3-zstandard (for Zstandard pixels) against the in-process broker and registry.
 * Skipped when those packages are missing
 * ({@code .ci/install-deps} installs them).
 */
class PythonInteropIT {

    static final String PYTHON = "/usr/bin/python3";

    @Test
    void pythonClientReadsJavaFramesAndJavaReadsPythonFrames() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of(PYTHON)), "skipped: " + PYTHON + " is missing");
        Process probe = new ProcessBuilder(PYTHON, "-c", "import confluent_kafka.avro, avro.io, requests, zstandard")
                .redirectErrorStream(true).start();
        String probeOutput = new String(probe.getInputStream().readAllBytes());
        Assumptions.assumeTrue(probe.waitFor() == 0, "skipped: Debian packages python3-confluent-kafka, "
                + "python3-avro, python3-requests and python3-zstandard are needed (run .ci/install-deps): "
                + probeOutput.trim());

        InteropScenario scenario = new InteropScenario("python");
        Path script = resource("interop/python/roundtrip.py");
        List<String> command = new ArrayList<>(List.of(PYTHON, script.toString()));
        command.addAll(scenario.args());
        var lines = InteropScenario.run(command, script.getParent(), Duration.ofSeconds(120), Map.of());
        scenario.verifyClientOutput(lines);
        scenario.verifyJavaReadsClientFrames("python");
    }

    static Path resource(String name) throws URISyntaxException, IOException {
        var url = PythonInteropIT.class.getClassLoader().getResource(name);
        if (url == null) {
            throw new IOException("test resource " + name + " is missing");
        }
        return Path.of(url.toURI());
    }
}
