package nowcast.ingestion.readers;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A format stored as one file per frame, whose files are told apart by name and placed in time by
 * their name (or, where a reader says so, by what is inside): what {@link FrameReader#scan} means for
 * all of them, so that each reader keeps only its names, its clock and its decoding.
 */
abstract class FileSequenceReader implements FrameReader {

    protected final ReaderOptions options;
    private final String format;
    private final Predicate<String> fileName;
    private final ArchiveFiles.FileTime time;

    FileSequenceReader(String format, ReaderOptions options, Predicate<String> fileName, ArchiveFiles.FileTime time) {
        this.format = format;
        this.options = options;
        this.fileName = fileName;
        this.time = time;
    }

    @Override
    public final String format() {
        return format;
    }

    @Override
    public final List<FrameLocation> scan(Path root, Consumer<BadFrameException> rejected) throws IOException {
        return ArchiveFiles.locate(files(root), time, options.sourceIdOr(format), rejected);
    }

    /** The format's files under {@code root}, by name. */
    List<Path> files(Path root) throws IOException {
        return ArchiveFiles.list(root, fileName);
    }
}
