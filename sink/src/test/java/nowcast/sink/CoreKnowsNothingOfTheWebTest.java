package nowcast.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The sink's core (every package of {@code nowcast.sink} but {@code web}) reports to a
 * {@link SinkListener} and never names the web layer or the web server: no import of, and no
 * qualified reference to, {@code nowcast.sink.web}, Javalin or Jetty. The one exception is
 * {@link SinkService}, the running sink, which puts core and dashboard together.
 */
class CoreKnowsNothingOfTheWebTest {

    private static final Path SOURCES = Path.of("src/main/java/nowcast/sink");
    private static final Path ASSEMBLY = SOURCES.resolve("SinkService.java");
    private static final List<String> WEB = List.of("nowcast.sink.web", "io.javalin", "org.eclipse.jetty");

    @Test
    void noCoreSourceNamesTheWebLayer() throws IOException {
        assertThat(SOURCES.resolve("web")).as("the web package").isDirectory();
        assertThat(ASSEMBLY).as("the service that assembles core and web").isRegularFile();
        List<String> found = new ArrayList<>();
        List<Path> core;
        try (Stream<Path> files = Files.walk(SOURCES)) {
            core = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !p.startsWith(SOURCES.resolve("web")) && !p.equals(ASSEMBLY)).toList();
        }
        for (Path file : core) {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                String code = lines.get(i).trim();
                if (code.startsWith("*") || code.startsWith("//") || code.startsWith("/*")) {
                    continue;
                }
                for (String web : WEB) {
                    if (code.contains(web + ".")) {
                        found.add(file + ":" + (i + 1) + ": " + code);
                    }
                }
            }
        }
        assertThat(core).as("core sources found under " + SOURCES.toAbsolutePath()).hasSizeGreaterThan(20);
        assertThat(found).as("the core names the web layer").isEmpty();
    }
}
