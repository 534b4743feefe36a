package nowcast.frame;

import java.util.Arrays;
import java.util.Optional;

/**
 * Finds an 8- or 16-bit quantisation that reproduces a float32 field exactly. Composites that are stored as
 * floating point (OPERA's ODIM files hold float64) still carry values on a uniform grid, e.g. rain rates in
 * steps of 0.01 mm/h or reflectivity in steps of 0.5 dBZ; sent as integers they take a half or a quarter of
 * the bytes and compress several times better. The answer is checked value by value with the same rules the
 * wire uses ({@link Quantisation#toRaw}, {@link Quantisation#toPhysical}), so decoding gives back every
 * value exactly (NaN stays no data); fields that do not qualify keep their float32 form.
 */
public final class ExactQuantisation {

    /** Codes 0..65534 for values, 65535 for no data. */
    private static final int MAX_DISTINCT = 65535;

    private ExactQuantisation() {
    }

    /** The smallest exact integer quantisation of {@code values}, or empty when there is none. */
    public static Optional<Quantisation> of(float[] values) {
        DistinctFloats distinct = new DistinctFloats();
        for (float v : values) {
            if (!Float.isNaN(v) && !distinct.add(v)) {
                return Optional.empty();
            }
        }
        float[] sorted = distinct.sorted();
        if (sorted.length == 0) {
            return Optional.empty();
        }
        double step = smallestStep(sorted);
        for (int digits = 1; digits <= 7; digits++) {
            double gain = roundToSignificant(step, digits);
            if (gain <= 0) {
                continue;
            }
            for (double offset : new double[] {gain * Math.rint(sorted[0] / gain), sorted[0]}) {
                Optional<Quantisation> q = exact(sorted, gain, offset);
                if (q.isPresent()) {
                    return q;
                }
            }
        }
        return Optional.empty();
    }

    /** The frame with the exact integer quantisation of its field when it is float32 and has one; else itself. */
    public static Frame compact(Frame frame) {
        Quantisation q = frame.quantisation();
        boolean plainFloat = q.rawType() == RawType.FLOAT32 && q.gain() == 1.0 && q.offset() == 0.0
                && q.nodata() == null && q.undetect() == null;
        if (!plainFloat) {
            return frame;
        }
        return of(frame.field().values()).map(exact -> new Frame(frame.sourceId(), frame.time(), frame.cadence(),
                frame.product(), frame.field(), exact, frame.geo(), frame.sourcePath(), frame.attributes()))
                .orElse(frame);
    }

    private static double smallestStep(float[] sorted) {
        double step = Double.MAX_VALUE;
        for (int i = 1; i < sorted.length; i++) {
            step = Math.min(step, (double) sorted[i] - sorted[i - 1]);
        }
        return step == Double.MAX_VALUE ? 1.0 : step;
    }

    private static double roundToSignificant(double x, int digits) {
        double scale = Math.pow(10, digits - 1 - Math.floor(Math.log10(x)));
        return Math.rint(x * scale) / scale;
    }

    private static Optional<Quantisation> exact(float[] sorted, double gain, double offset) {
        double top = Math.rint((sorted[sorted.length - 1] - offset) / gain);
        if (Math.rint((sorted[0] - offset) / gain) < 0 || top > MAX_DISTINCT - 1) {
            return Optional.empty();
        }
        RawType type = top < RawType.UINT8.max() ? RawType.UINT8 : RawType.UINT16;
        Quantisation q = new Quantisation(type, gain, offset, type.max(), null, 0.0);
        for (float v : sorted) {
            if ((float) q.toPhysical(q.toRaw(v)) != v) {
                return Optional.empty();
            }
        }
        return Optional.of(q);
    }

    /** A set of float values by bit pattern (0 and -0 as one), giving up beyond {@link #MAX_DISTINCT}. */
    private static final class DistinctFloats {
        private static final int EMPTY = 0x7fc00001; // a NaN pattern: never added
        private final int[] slots = new int[1 << 17];
        private int size;

        DistinctFloats() {
            Arrays.fill(slots, EMPTY);
        }

        /** False when the set would grow beyond {@link #MAX_DISTINCT} values. */
        boolean add(float v) {
            int bits = Float.floatToRawIntBits(v == 0f ? 0f : v);
            int mask = slots.length - 1;
            int i = (bits * 0x9E3779B9) >>> 15 & mask;
            while (slots[i] != EMPTY) {
                if (slots[i] == bits) {
                    return true;
                }
                i = (i + 1) & mask;
            }
            if (size == MAX_DISTINCT) {
                return false;
            }
            slots[i] = bits;
            size++;
            return true;
        }

        float[] sorted() {
            float[] out = new float[size];
            int n = 0;
            for (int s : slots) {
                if (s != EMPTY) {
                    out[n++] = Float.intBitsToFloat(s);
                }
            }
            Arrays.sort(out);
            return out;
        }
    }
}
