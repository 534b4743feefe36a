package nowcast.app.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nowcast.model.gs2pm.Gs2pmArtifact;

/**
 * The shipped model is found on the classpath, from classes as well as from inside a jar (copied out once,
 * under a name from its content), and opens with the ordinary artifact code.
 */
class ShippedModelTest {

    @TempDir
    Path tmp;

    @Test
    void theBuildPutsTheRepositoryModelOnTheClasspath() throws Exception {
        Path dir = ShippedModel.directory().orElseThrow(() -> new AssertionError("no shipped model on the classpath"));
        Path repository = Path.of("..", "models", "gs2pm-default");
        assertThat(Files.readAllBytes(dir.resolve(Gs2pmArtifact.WEIGHTS_FILE)))
                .isEqualTo(Files.readAllBytes(repository.resolve(Gs2pmArtifact.WEIGHTS_FILE)));
        assertThat(Gs2pmArtifact.open(dir).hash()).isEqualTo(Gs2pmArtifact.open(repository).hash());
        assertThat(ShippedModel.orShipped(tmp)).contains(tmp);
    }

    @Test
    void fromAJarTheModelIsUnpackedOnceAndOpensAsTheSameArtifact() throws Exception {
        Path repository = Path.of("..", "models", "gs2pm-default");
        Path jar = tmp.resolve("nowcast.jar");
        List<String> names;
        try (var files = Files.list(repository)) {
            names = files.map(p -> p.getFileName().toString()).sorted().toList();
        }
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (String name : names) {
                out.putNextEntry(new JarEntry(ShippedModel.RESOURCE_DIR + name));
                Files.copy(repository.resolve(name), (OutputStream) out);
                out.closeEntry();
            }
        }
        Path cache = tmp.resolve("cache");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            Path unpacked = ShippedModel.locate(loader, cache).orElseThrow();
            assertThat(unpacked.getParent()).isEqualTo(cache);
            try (var files = Files.list(unpacked)) {
                assertThat(files.map(p -> p.getFileName().toString()).sorted().toList()).isEqualTo(names);
            }
            assertThat(Gs2pmArtifact.open(unpacked).hash()).isEqualTo(Gs2pmArtifact.open(repository).hash());
            long modified = Files.getLastModifiedTime(unpacked.resolve(Gs2pmArtifact.WEIGHTS_FILE)).toMillis();
            Thread.sleep(20);
            assertThat(ShippedModel.locate(loader, cache)).contains(unpacked);
            assertThat(Files.getLastModifiedTime(unpacked.resolve(Gs2pmArtifact.WEIGHTS_FILE)).toMillis())
                    .as("reused, not copied again").isEqualTo(modified);
        }
        try (URLClassLoader empty = new URLClassLoader(new URL[0], null)) {
            assertThat(ShippedModel.locate(empty, cache)).isEmpty();
        }
    }
}
