package nowcast.app.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar nowcast.jar broker} and {@code registry} as separate processes: they come up,
 * serve, and stop cleanly on SIGTERM; the registry keeps its ids across a restart of both.
 */
class PlatformCommandsIT {

    @TempDir
    Path dir;

    @Test
    void brokerAndRegistryRunUntilSigtermAndKeepTheirData() throws Exception {
        Path jar = Path.of("target", "nowcast.jar");
        Assumptions.assumeTrue(Files.isRegularFile(jar), "skipped: target/nowcast.jar is not built");
        int brokerPort = nowcast.platform.broker.EmbeddedKafkaBroker.freePort();
        String schema = "{\"schema\":\"{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"A\\\",\\\"fields\\\":"
                + "[{\\\"name\\\":\\\"x\\\",\\\"type\\\":\\\"int\\\"}]}\"}";
        String firstId = null;
        for (int round = 0; round < 2; round++) {
            Process broker = start(jar, "broker", "--data-dir", dir.resolve("kafka").toString(), "--port",
                    Integer.toString(brokerPort));
            try {
                String ready = awaitLine(broker, "Kafka broker ready");
                assertThat(ready).contains("127.0.0.1:" + brokerPort);
                Process registry = start(jar, "registry", "--port", "0", "--bootstrap", "127.0.0.1:" + brokerPort);
                try {
                    Matcher m = Pattern.compile("schema.registry.url=(\\S+)")
                            .matcher(awaitLine(registry, "Schema registry ready"));
                    assertThat(m.find()).isTrue();
                    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                                    URI.create(m.group(1) + "/subjects/cli-value/versions"))
                            .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                            .POST(HttpRequest.BodyPublishers.ofString(schema)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertThat(r.statusCode()).isEqualTo(200);
                    if (round == 0) {
                        firstId = r.body();
                    } else {
                        assertThat(r.body()).as("same id after restarting broker and registry").isEqualTo(firstId);
                    }
                } finally {
                    stop(registry);
                }
            } finally {
                stop(broker);
            }
        }
    }

    private static Process start(Path jar, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-jar",
                jar.toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    private static String awaitLine(Process p, String prefix) throws Exception {
        BufferedReader reader = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        long deadline = System.currentTimeMillis() + 90_000;
        String line;
        while (System.currentTimeMillis() < deadline && (line = reader.readLine()) != null) {
            if (line.startsWith(prefix)) {
                drain(reader);
                return line;
            }
            seen.append(line).append('\n');
        }
        throw new AssertionError("no '" + prefix + "' line; output was:\n" + seen);
    }

    /** Keeps reading the process output so that it never blocks on a full pipe. */
    private static void drain(BufferedReader reader) {
        Thread t = new Thread(() -> {
            try {
                reader.transferTo(java.io.Writer.nullWriter());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        t.setDaemon(true);
        t.start();
    }

    private static void stop(Process p) throws InterruptedException {
        p.destroy();
        boolean exited = p.waitFor(30, TimeUnit.SECONDS);
        if (!exited) {
            p.destroyForcibly();
        }
        assertThat(exited).as("process stops within 30 s of SIGTERM").isTrue();
        assertThat(p.exitValue()).as("exit status after SIGTERM (128 + 15)").isEqualTo(143);
    }
}
