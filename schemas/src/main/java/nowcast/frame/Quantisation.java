package nowcast.frame;

import java.util.Objects;

/**
 * Raw-to-physical rule: {@code physical = offset + gain * raw}, except the {@code nodata} code
 * (decodes to NaN) and the {@code undetect} code (decodes to {@code undetectValue}).
 */
public record Quantisation(RawType rawType, double gain, double offset, Double nodata, Double undetect,
                           double undetectValue) {

    public Quantisation {
        Objects.requireNonNull(rawType, "rawType");
        if (gain == 0 || !Double.isFinite(gain)) {
            throw new IllegalArgumentException("quantisation gain must be finite and non-zero, got " + gain);
        }
    }

    /** Lossless float32 transport: raw values are the physical values, NaN is no data. */
    public static Quantisation float32() {
        return new Quantisation(RawType.FLOAT32, 1.0, 0.0, null, null, 0.0);
    }
}
