package nowcast.ingestion.replay;

import java.nio.file.Path;
import java.util.Objects;

import nowcast.ingestion.readers.FrameReader;

/** One archive to replay: the reader of its format and where it lies. */
public record ReplaySource(FrameReader reader, Path path) {

    public ReplaySource {
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(path, "path");
    }
}
