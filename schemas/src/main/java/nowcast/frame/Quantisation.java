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

    /**
     * The physical value of one raw code: NaN for {@code nodata}, {@code undetectValue} for
     * {@code undetect}, {@code offset + gain * raw} otherwise.
     */
    public double toPhysical(double raw) {
        if (nodata != null && raw == nodata) {
            return Double.NaN;
        }
        if (undetect != null && raw == undetect) {
            return undetectValue;
        }
        return offset + gain * raw;
    }

    /**
     * The raw code for one physical value: NaN becomes {@code nodata} (or stays NaN for FLOAT32
     * without a nodata code), values at or below {@code undetectValue} become {@code undetect} when
     * there is such a code, and other values are rounded and clamped to the range of {@link #rawType()},
     * stepping off the nodata/undetect codes so that a measured value never turns into one of them.
     *
     * @throws IllegalArgumentException for NaN when an integer raw type has no nodata code
     */
    public double toRaw(double physical) {
        if (Double.isNaN(physical)) {
            if (nodata != null) {
                return nodata;
            }
            if (rawType == RawType.FLOAT32) {
                return Double.NaN;
            }
            throw new IllegalArgumentException("cannot encode a missing (NaN) value as " + rawType
                    + ": the quantisation has no nodata code");
        }
        if (undetect != null && physical <= undetectValue) {
            return undetect;
        }
        double exact = (physical - offset) / gain;
        if (rawType == RawType.FLOAT32) {
            return (float) exact;
        }
        double raw = Math.max(rawType.min(), Math.min(rawType.max(), Math.rint(exact)));
        if (isCode(raw)) {
            double below = raw - 1;
            double above = raw + 1;
            boolean belowOk = below >= rawType.min() && !isCode(below);
            boolean aboveOk = above <= rawType.max() && !isCode(above);
            if (belowOk && (!aboveOk || exact < raw)) {
                raw = below;
            } else if (aboveOk) {
                raw = above;
            }
        }
        return raw;
    }

    private boolean isCode(double raw) {
        return (nodata != null && raw == nodata) || (undetect != null && raw == undetect);
    }

    /** Lossless float32 transport: raw values are the physical values, NaN is no data. */
    public static Quantisation float32() {
        return new Quantisation(RawType.FLOAT32, 1.0, 0.0, null, null, 0.0);
    }
}
