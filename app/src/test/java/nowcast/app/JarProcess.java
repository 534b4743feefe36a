package nowcast.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.junit.jupiter.api.Assumptions;

/**
 * {@code java -jar target/nowcast.jar ...} as a user starts it: its own JVM, a working folder of the test's
 * choosing, standard output and error together in a log file. {@code NOWCAST_*} variables of the test's
 * environment are not passed on, so the command sees only what the test gives it.
 */
public final class JarProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private JarProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** The fat jar, or the test is skipped (it is built in the package phase, before the integration tests). */
    public static Path jar() {
        Path jar = Path.of("target", "nowcast.jar").toAbsolutePath();
        Assumptions.assumeTrue(Files.isRegularFile(jar), "skipped: target/nowcast.jar is not built");
        return jar;
    }

    public static JarProcess start(Path workDir, List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx2g", "-jar", jar().toString()));
        command.addAll(args);
        return launch(workDir, command, null);
    }

    private static JarProcess launch(Path workDir, List<String> command, String javaOpts) throws IOException {
        Path log = Files.createTempFile("nowcast-jar-", ".log");
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("NOWCAST_"));
        if (javaOpts != null) {
            pb.environment().put("JAVA_OPTS", javaOpts);
        }
        return new JarProcess(pb.start(), log);
    }

    /**
     * As the README starts it: {@code bin/nowcast} of this checkout (jemalloc preloaded where installed), which
     * runs the same fat jar.
     */
    public static JarProcess startWithLauncher(Path workDir, List<String> args) throws IOException {
        Path launcher = jar().getParent().getParent().getParent().resolve("bin").resolve("nowcast");
        Assumptions.assumeTrue(Files.isExecutable(launcher), "skipped: no executable " + launcher);
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(args);
        return launch(workDir, command, "-Xmx2g");
    }

    /** Runs to the end (at most {@code timeout}) and answers the exit code with everything printed. */
    public static Result run(Path workDir, Duration timeout, String... args) throws IOException, InterruptedException {
        try (JarProcess p = start(workDir, List.of(args))) {
            if (!p.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("nowcast " + String.join(" ", args) + " did not end within " + timeout
                        + ":\n" + p.output());
            }
            return new Result(p.process.exitValue(), p.output());
        }
    }

    /** Exit code and output of a finished run. */
    public record Result(int code, String output) {
    }

    public String output() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits until a line of the output satisfies {@code test}; the line, or an AssertionError with the output. */
    public String awaitLine(Predicate<String> test, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (String line : output().split("\n")) {
                if (test.test(line)) {
                    return line;
                }
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no expected line within " + timeout + "; output:\n" + output());
    }

    /** SIGTERM, as Ctrl-C or a service manager stops it; the exit code. */
    public int stop(Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("did not stop within " + timeout + " after SIGTERM");
        }
        return process.exitValue();
    }

    @Override
    public void close() throws IOException {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Files.deleteIfExists(log);
    }
}
