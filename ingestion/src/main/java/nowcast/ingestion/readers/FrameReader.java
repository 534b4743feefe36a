package nowcast.ingestion.readers;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import nowcast.frame.Frame;

/**
 * Reads one archive format into {@link Frame}s in physical units (NaN = no data). Obtain one with
 * {@link FrameReaders#byName(String)}. A reader is stateless apart from its {@link ReaderOptions}
 * and may be used from several threads.
 */
public interface FrameReader {

    /** The format name this reader is registered under ({@code knmi}, {@code odim}, ...). */
    String format();

    /**
     * The frames held under {@code root} (one file or a directory tree), in observation-time order.
     * Files that do not belong to the format (by name) are skipped; nothing is decoded yet. A file that
     * belongs to the format but cannot be placed in time is handed to {@code rejected} and left out.
     */
    List<FrameLocation> scan(Path root, Consumer<BadFrameException> rejected) throws IOException;

    /** {@link #scan(Path, Consumer)} that fails on the first file it cannot place in time. */
    default List<FrameLocation> scan(Path root) throws IOException {
        List<BadFrameException> bad = new ArrayList<>();
        List<FrameLocation> found = scan(root, bad::add);
        if (!bad.isEmpty()) {
            throw bad.get(0);
        }
        return found;
    }

    /** Decodes one located frame; bad content is a {@link BadFrameException} naming the file and the reason. */
    Frame read(FrameLocation location) throws IOException;

    /** Decodes a single-frame file (or the first frame of a multi-frame file). */
    default Frame read(Path file) throws IOException {
        List<FrameLocation> found = scan(file);
        if (found.isEmpty()) {
            throw new BadFrameException(file, "not a " + format() + " file (name does not match the format)");
        }
        return read(found.get(0));
    }
}
