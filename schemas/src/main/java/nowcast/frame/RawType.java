package nowcast.frame;

/** Element type of raw pixel bytes on the wire; multi-byte types are little-endian. */
public enum RawType {
    UINT8(1, 0, 255), UINT16(2, 0, 65535), INT16(2, Short.MIN_VALUE, Short.MAX_VALUE),
    FLOAT32(4, -Float.MAX_VALUE, Float.MAX_VALUE);

    private final int bytes;
    private final double min;
    private final double max;

    RawType(int bytes, double min, double max) {
        this.bytes = bytes;
        this.min = min;
        this.max = max;
    }

    /** Smallest representable raw value. */
    public double min() {
        return min;
    }

    /** Largest representable raw value. */
    public double max() {
        return max;
    }

    public int bytes() {
        return bytes;
    }
}
