package nowcast.ingestion.readers;

import java.io.IOException;
import java.nio.file.Path;

/** A file that cannot be turned into a frame; carries the file and the reason for dead letters and logs. */
public class BadFrameException extends IOException {

    private final transient Path path;
    private final String reason;

    public BadFrameException(Path path, String reason) {
        this(path, reason, null);
    }

    public BadFrameException(Path path, String reason, Throwable cause) {
        super(path + ": " + reason, cause);
        this.path = path;
        this.reason = reason;
    }

    public Path path() {
        return path;
    }

    public String reason() {
        return reason;
    }
}
