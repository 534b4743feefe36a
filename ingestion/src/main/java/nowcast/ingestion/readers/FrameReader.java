package nowcast.ingestion.readers;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

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
     * Files that do not belong to the format (by name) are skipped; nothing is decoded yet.
     */
    List<FrameLocation> scan(Path root) throws IOException;

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
