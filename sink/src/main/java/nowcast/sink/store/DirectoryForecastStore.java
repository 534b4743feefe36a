package nowcast.sink.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import nowcast.forecast.Forecast;
import nowcast.products.ForecastProducts;

/**
 * Forecast store in a local folder. A forecast is written whole into {@code <root>/.staging/} and then
 * renamed into place in one atomic move, so a crash leaves no partial forecast folder (leftovers in
 * {@code .staging} and {@code .trash} are removed at start-up).
 */
public final class DirectoryForecastStore implements ForecastStore {

    private static final Logger LOG = LoggerFactory.getLogger(DirectoryForecastStore.class);
    private static final String STAGING = ".staging";
    private static final String TRASH = ".trash";

    private final Path root;
    private final Path staging;
    private final Path trash;

    public DirectoryForecastStore(Path root) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.staging = this.root.resolve(STAGING);
        this.trash = this.root.resolve(TRASH);
        Files.createDirectories(this.root);
        deleteTree(staging);
        deleteTree(trash);
        Files.createDirectories(staging);
        Files.createDirectories(trash);
    }

    public Path root() {
        return root;
    }

    @Override
    public StoredForecast write(Forecast forecast, ForecastProducts products) throws IOException {
        ForecastKey key = new ForecastKey(forecast.sourceId(), forecast.baseTime());
        Map<String, byte[]> files = ForecastFiles.render(forecast, products);
        Path target = inside(key.relativeDir());
        if (Files.isDirectory(target) && sameContent(target, files)) {
            return new StoredForecast(key, target.toString(), List.copyOf(files.keySet()));
        }
        Path temp = staging.resolve(UUID.randomUUID().toString());
        Files.createDirectory(temp);
        try {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                Files.write(temp.resolve(file.getKey()), file.getValue());
            }
            Files.createDirectories(target.getParent());
            replace(temp, target);
        } finally {
            deleteTree(temp);
        }
        return new StoredForecast(key, target.toString(), List.copyOf(files.keySet()));
    }

    private void replace(Path temp, Path target) throws IOException {
        // One writer per store: nothing else creates the target between this check and the move.
        if (!Files.exists(target)) {
            move(temp, target);
            return;
        }
        LOG.info("replacing stored forecast {} whose files differ", root.relativize(target));
        Path old = trash.resolve(UUID.randomUUID().toString());
        move(target, old);
        move(temp, target);
        deleteTree(old);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the store folder must support atomic renames (one file system): " + to, e);
        }
    }

    private static boolean sameContent(Path dir, Map<String, byte[]> files) throws IOException {
        try (Stream<Path> existing = Files.list(dir)) {
            if (existing.count() != files.size()) {
                return false;
            }
        }
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Path p = dir.resolve(file.getKey());
            if (!Files.isRegularFile(p) || !Arrays.equals(Files.readAllBytes(p), file.getValue())) {
                return false;
            }
        }
        return true;
    }

    @Override
    public List<String> sources() throws IOException {
        List<String> out = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, Files::isDirectory)) {
            for (Path d : dirs) {
                String name = d.getFileName().toString();
                if (ForecastKey.isSafeSourceId(name) && !baseTimes(name).isEmpty()) {
                    out.add(name);
                }
            }
        }
        out.sort(Comparator.naturalOrder());
        return out;
    }

    @Override
    public List<Instant> baseTimes(String sourceId) throws IOException {
        return forecastDirs(sourceId).stream().map(ForecastDir::baseTime).sorted().toList();
    }

    private record ForecastDir(Path path, Instant baseTime) {
    }

    /** Folders {@code <source>/<yyyy>/<mm>/<dd>/<base time>/} that hold a complete forecast. */
    private List<ForecastDir> forecastDirs(String sourceId) throws IOException {
        Path source = inside(ForecastKey.checkSourceId(sourceId) + "/");
        List<ForecastDir> out = new ArrayList<>();
        if (!Files.isDirectory(source)) {
            return out;
        }
        try (Stream<Path> walk = Files.walk(source, 4)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (source.relativize(p).getNameCount() == 4 && Files.isRegularFile(p.resolve(ForecastFileName.METADATA))) {
                    try {
                        out.add(new ForecastDir(p, ForecastKey.parseBaseTime(p.getFileName().toString())));
                    } catch (IllegalArgumentException notOurs) {
                        LOG.debug("ignoring folder {} in the store: {}", p, notOurs.getMessage());
                    }
                }
            }
        }
        return out;
    }

    @Override
    public Optional<byte[]> read(ForecastKey key, String fileName) throws IOException {
        Path file = inside(key.relativeDir() + ForecastFileName.check(fileName));
        if (!Files.isRegularFile(file) || !Files.isRegularFile(file.resolveSibling(ForecastFileName.METADATA))) {
            return Optional.empty();
        }
        return Optional.of(Files.readAllBytes(file));
    }

    @Override
    public int deleteWrittenBefore(Instant cutoff) throws IOException {
        int removed = 0;
        for (String source : sourceFolders()) {
            for (ForecastDir dir : forecastDirs(source)) {
                if (Files.getLastModifiedTime(dir.path()).toInstant().isBefore(cutoff)) {
                    Path old = trash.resolve(UUID.randomUUID().toString());
                    move(dir.path(), old);
                    deleteTree(old);
                    removeEmptyParents(dir.path().getParent());
                    removed++;
                }
            }
        }
        return removed;
    }

    private List<String> sourceFolders() throws IOException {
        List<String> out = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, Files::isDirectory)) {
            for (Path d : dirs) {
                if (ForecastKey.isSafeSourceId(d.getFileName().toString())) {
                    out.add(d.getFileName().toString());
                }
            }
        }
        return out;
    }

    private void removeEmptyParents(Path dir) throws IOException {
        // day, month, year folders; the source folder stays so that the source keeps its place.
        for (int i = 0; i < 3 && dir != null && dir.startsWith(root) && !dir.equals(root); i++) {
            try {
                Files.deleteIfExists(dir);
            } catch (DirectoryNotEmptyException stillUsed) {
                return;
            }
            dir = dir.getParent();
        }
    }

    /** Resolves a store-relative path and refuses any that would leave the root. */
    private Path inside(String relative) {
        Path p = root.resolve(relative).normalize();
        if (!p.startsWith(root) || p.equals(root)) {
            throw new IllegalArgumentException("path '" + relative + "' leaves the store " + root);
        }
        return p;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    @Override
    public String describe() {
        return "directory " + root;
    }
}
