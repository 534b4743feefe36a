package nowcast.ingestion.producer;

/** A serialised frame exceeds the message limit and its source's policy is {@code reject}. */
public class FrameTooLargeException extends Exception {

    private final int bytes;
    private final long limit;

    public FrameTooLargeException(String sourceId, int bytes, long limit) {
        super("frame of source " + sourceId + " is " + bytes + " bytes serialised, over the message limit of " + limit
                + " bytes; choose a size policy for the source (--size-policy downsample:ROWSxCOLS, crop:..., or"
                + " raise-limit:BYTES with the broker's message.max.bytes raised to match)");
        this.bytes = bytes;
        this.limit = limit;
    }

    public int bytes() {
        return bytes;
    }

    public long limit() {
        return limit;
    }
}
