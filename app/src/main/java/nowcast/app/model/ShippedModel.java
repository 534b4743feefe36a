package nowcast.app.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import nowcast.model.gs2pm.Gs2pmArtifact;

/**
 * The GS2PM model that ships with nowcast: the repository's {@code models/gs2pm-default} folder, packed into
 * the jar at build time (app/pom.xml), so that the demo, {@code predict} and {@code evaluate} find it wherever
 * the jar is started. A model in a jar cannot be opened as a folder, so the folder's files are copied once into
 * a folder named after their content under the system's temporary directory and reused by later starts; it is
 * then loaded by the ordinary artifact code ({@link Gs2pmArtifact}), whatever its config holds. Run from
 * classes (tests, IDE) the folder on the classpath is used as it is.
 */
public final class ShippedModel {

    private static final Logger LOG = LoggerFactory.getLogger(ShippedModel.class);

    /** Where the build puts the model's files on the classpath. */
    static final String RESOURCE_DIR = "nowcast/models/gs2pm-default/";

    private static Optional<Path> located;

    private ShippedModel() {
    }

    /** The explicit artifact when given, else the shipped model's folder (empty when this build has none). */
    public static Optional<Path> orShipped(Path explicit) {
        return explicit != null ? Optional.of(explicit) : directory();
    }

    /** The shipped model's folder, empty when this build carries no model. */
    public static synchronized Optional<Path> directory() {
        if (located == null) {
            // per user: another user's folder of the same name may not be writable
            located = locate(ShippedModel.class.getClassLoader(), Path.of(System.getProperty("java.io.tmpdir"),
                    "nowcast-models-" + System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9._-]", "_")));
        }
        return located;
    }

    /** The model folder on {@code loader}'s classpath; from a jar it is unpacked under {@code cacheRoot}. */
    static Optional<Path> locate(ClassLoader loader, Path cacheRoot) {
        URL config = loader.getResource(RESOURCE_DIR + Gs2pmArtifact.CONFIG_FILE);
        URL weights = loader.getResource(RESOURCE_DIR + Gs2pmArtifact.WEIGHTS_FILE);
        if (config == null || weights == null) {
            return Optional.empty();
        }
        try {
            if ("file".equals(config.getProtocol())) {
                return Optional.of(Path.of(config.toURI()).getParent());
            }
            return Optional.of(extract(loader, files(config), cacheRoot));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the shipped GS2PM model from the jar: " + e.getMessage(), e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the shipped model's location " + config + " is not a file URI", e);
        }
    }

    /** The names of every file of the model folder in the jar that holds {@code config}. */
    private static List<String> files(URL config) throws IOException {
        if (!(config.openConnection() instanceof JarURLConnection connection)) {
            return List.of(Gs2pmArtifact.CONFIG_FILE, Gs2pmArtifact.WEIGHTS_FILE);
        }
        connection.setUseCaches(false);
        try (JarFile jar = connection.getJarFile()) {
            return jar.stream().map(JarEntry::getName)
                    .filter(n -> n.startsWith(RESOURCE_DIR) && n.length() > RESOURCE_DIR.length()
                            && n.indexOf('/', RESOURCE_DIR.length()) < 0)
                    .map(n -> n.substring(RESOURCE_DIR.length())).sorted().toList();
        }
    }

    /** Copies the files into {@code <cacheRoot>/gs2pm-<content hash>}, unless an earlier start already did. */
    static Path extract(ClassLoader loader, List<String> files, Path cacheRoot) throws IOException {
        String hash = contentHash(loader, files);
        Path target = cacheRoot.resolve("gs2pm-" + hash.substring(0, 16));
        if (Files.isRegularFile(target.resolve(Gs2pmArtifact.WEIGHTS_FILE))) {
            return target;
        }
        Files.createDirectories(cacheRoot);
        Path staging = Files.createTempDirectory(cacheRoot, "unpacking-");
        try {
            for (String name : files) {
                try (InputStream in = loader.getResourceAsStream(RESOURCE_DIR + name)) {
                    Files.copy(in, staging.resolve(name));
                }
            }
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
                LOG.debug("unpacked the shipped GS2PM model to {}", target);
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException raced) {
                // another process unpacked the same content first
            } catch (IOException e) {
                if (!Files.isRegularFile(target.resolve(Gs2pmArtifact.WEIGHTS_FILE))) {
                    throw e;
                }
            }
        } finally {
            deleteQuietly(staging);
        }
        return target;
    }

    private static String contentHash(ClassLoader loader, List<String> files) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (String name : files) {
                digest.update(name.getBytes(StandardCharsets.UTF_8));
                try (InputStream in = loader.getResourceAsStream(RESOURCE_DIR + name);
                     DigestInputStream d = new DigestInputStream(in, digest)) {
                    while (d.read(buffer) > 0) {
                        // the digest sees every byte read
                    }
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover staging folder in the temporary directory is harmless
        }
    }
}
