package nowcast.ingestion.readers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Lists the regular files of an archive whose names a format recognises, in path order, and turns
 * them into frame locations in time order (the scan of every one-file-per-frame format).
 */
final class ArchiveFiles {

    /** Deep enough for year/month/day trees (HKO-7, KNMI) and split/domain/sample layouts (GS2PM). */
    static final int MAX_DEPTH = 8;

    private ArchiveFiles() {
    }

    static List<Path> list(Path root, Predicate<String> nameMatches) throws IOException {
        if (Files.isRegularFile(root)) {
            return nameMatches.test(root.getFileName().toString()) ? List.of(root) : List.of();
        }
        if (!Files.isDirectory(root)) {
            throw new java.nio.file.NoSuchFileException(root.toString(), null, "no such file or directory");
        }
        try (Stream<Path> files = Files.walk(root, MAX_DEPTH)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> nameMatches.test(p.getFileName().toString()))
                    .sorted()
                    .toList();
        }
    }

    /** The observation time of one file, from its name or its content. */
    @FunctionalInterface
    interface FileTime {
        Instant of(Path file) throws BadFrameException;
    }

    /**
     * One location per file, sorted by time; a file whose time cannot be found is handed to
     * {@code rejected} and left out, so one bad name never stops a scan.
     */
    static List<FrameLocation> locate(List<Path> files, FileTime time, String sourceId,
                                      Consumer<BadFrameException> rejected) {
        List<FrameLocation> out = new ArrayList<>();
        for (Path p : files) {
            try {
                out.add(FrameLocation.file(p, time.of(p), sourceId));
            } catch (BadFrameException e) {
                rejected.accept(e);
            }
        }
        out.sort(null);
        return out;
    }
}
