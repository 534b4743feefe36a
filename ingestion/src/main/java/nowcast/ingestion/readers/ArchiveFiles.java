package nowcast.ingestion.readers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** Lists the regular files of an archive whose names a format recognises, in path order. */
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
}
