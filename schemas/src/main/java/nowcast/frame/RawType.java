package nowcast.frame;

/** Element type of raw pixel bytes on the wire; multi-byte types are little-endian. */
public enum RawType {
    UINT8(1), UINT16(2), INT16(2), FLOAT32(4);

    private final int bytes;

    RawType(int bytes) {
        this.bytes = bytes;
    }

    public int bytes() {
        return bytes;
    }
}
