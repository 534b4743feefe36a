package nowcast.model.weights;

import java.util.Locale;

/** Element types a weights or array file may hold, with their names in the numpy and safetensors headers. */
public enum TensorType {
    FLOAT32(4, "<f4", "F32"),
    FLOAT64(8, "<f8", "F64"),
    FLOAT16(2, "<f2", "F16"),
    INT64(8, "<i8", "I64"),
    INT32(4, "<i4", "I32"),
    UINT8(1, "|u1", "U8"),
    BOOL(1, "|b1", "BOOL");

    private final int bytes;
    private final String numpyDescr;
    private final String safetensorsName;

    TensorType(int bytes, String numpyDescr, String safetensorsName) {
        this.bytes = bytes;
        this.numpyDescr = numpyDescr;
        this.safetensorsName = safetensorsName;
    }

    public int bytes() {
        return bytes;
    }

    public String numpyDescr() {
        return numpyDescr;
    }

    public String safetensorsName() {
        return safetensorsName;
    }

    static TensorType fromNumpy(String descr, String where) {
        String d = descr.replace('=', '<');
        if (d.equals("|u1") || d.equals("<u1")) {
            return UINT8;
        }
        if (d.equals("|b1") || d.equals("<b1")) {
            return BOOL;
        }
        for (TensorType t : values()) {
            if (t.numpyDescr.equals(d)) {
                return t;
            }
        }
        throw new IllegalArgumentException(where + ": unsupported numpy dtype '" + descr
                + "' (supported: little-endian f4, f8, f2, i8, i4, u1, b1)");
    }

    static TensorType fromSafetensors(String name, String where) {
        for (TensorType t : values()) {
            if (t.safetensorsName.equals(name.toUpperCase(Locale.ROOT))) {
                return t;
            }
        }
        throw new IllegalArgumentException(where + ": unsupported safetensors dtype '" + name
                + "' (supported: F32, F64, F16, I64, I32, U8, BOOL)");
    }
}
