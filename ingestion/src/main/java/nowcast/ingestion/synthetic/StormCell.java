package nowcast.ingestion.synthetic;

/**
 * One convective (or stratiform) rain cell: born at frame {@code born} at ({@code row0}, {@code col0}),
 * moving {@code dRow, dCol} pixels per frame, living {@code lifetime} frames. Its peak rate grows over the
 * first {@link #GROWTH_SHARE} of its life, holds, and decays over the last {@link #DECAY_SHARE}; its shape
 * is an elliptical Gaussian of radius {@code radius} pixels.
 */
record StormCell(long born, int lifetime, double row0, double col0, double dRow, double dCol, double peak,
                 double radius, double aspect, double angle) {

    static final double GROWTH_SHARE = 0.3;
    static final double DECAY_SHARE = 0.4;

    boolean aliveAt(long frame) {
        return frame >= born && frame < born + lifetime;
    }

    /** Peak rain rate (mm/h) at a frame: smooth growth, mature phase, smooth decay, 0 outside the life. */
    double intensityAt(long frame) {
        if (!aliveAt(frame)) {
            return 0.0;
        }
        double age = (frame - born + 0.5) / lifetime;
        double envelope;
        if (age < GROWTH_SHARE) {
            envelope = smoothstep(age / GROWTH_SHARE);
        } else if (age > 1 - DECAY_SHARE) {
            envelope = smoothstep((1 - age) / DECAY_SHARE);
        } else {
            envelope = 1.0;
        }
        return peak * envelope;
    }

    double rowAt(long frame) {
        return row0 + dRow * (frame - born);
    }

    double colAt(long frame) {
        return col0 + dCol * (frame - born);
    }

    private static double smoothstep(double x) {
        double t = Math.max(0, Math.min(1, x));
        return t * t * (3 - 2 * t);
    }
}
