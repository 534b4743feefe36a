package nowcast.model.extrapolation;

import java.util.ArrayList;
import java.util.List;

import nowcast.forecast.ModelIdentity;
import nowcast.frame.PhysicalField;
import nowcast.model.InputWindow;
import nowcast.model.Nowcaster;
import nowcast.model.NowcasterOptions;

/**
 * The operational baseline of radar nowcasting: estimate one motion field from the last three
 * frames (the mean of the flows between frames -3/-2 and -2/-1, or the one flow when only two
 * frames are given), give echo-free areas the motion of nearby echoes, and advect the last frame
 * backward, semi-Lagrangian, for each lead. Deterministic and stateless, so safe across threads.
 */
public final class ExtrapolationNowcaster implements Nowcaster {

    public static final String NAME = "extrapolation";

    private final PyramidalLucasKanade flow;
    private final EchoFreeFill fill;
    private final int outputFrames;

    public ExtrapolationNowcaster(PyramidalLucasKanade flow, EchoFreeFill fill, int outputFrames) {
        if (outputFrames < 1) {
            throw new IllegalArgumentException("outputFrames must be >= 1, got " + outputFrames);
        }
        this.flow = flow;
        this.fill = fill;
        this.outputFrames = outputFrames;
    }

    public ExtrapolationNowcaster() {
        this(PyramidalLucasKanade.defaults(), EchoFreeFill.defaults(), 10);
    }

    /** With the default flow and fill settings. */
    public static ExtrapolationNowcaster create(NowcasterOptions options) {
        return new ExtrapolationNowcaster(PyramidalLucasKanade.defaults(), EchoFreeFill.defaults(),
                options.outputFrames());
    }

    @Override
    public ModelIdentity identity() {
        return ModelIdentity.baseline(NAME);
    }

    @Override
    public int outputFrames() {
        return outputFrames;
    }

    @Override
    public List<List<PhysicalField>> predict(List<InputWindow> windows) {
        List<List<PhysicalField>> out = new ArrayList<>(windows.size());
        for (InputWindow window : windows) {
            out.add(SemiLagrangianAdvection.advect(window.last(), motion(window), outputFrames));
        }
        return out;
    }

    /** The motion field this nowcaster advects the last frame of {@code window} with, in pixels per frame. */
    public MotionField motion(InputWindow window) {
        List<PhysicalField> frames = window.frames();
        PhysicalField last = window.last();
        int rows = last.rows();
        int cols = last.cols();
        if (frames.size() < 2) {
            return MotionField.still(rows, cols);
        }
        float[] latest = MotionImage.of(last);
        float[] previous = MotionImage.of(frames.get(frames.size() - 2));
        MotionField motion = flow.estimate(previous, latest, rows, cols);
        boolean[] echo = new boolean[rows * cols];
        for (int i = 0; i < echo.length; i++) {
            echo[i] = latest[i] > 0 || previous[i] > 0;
        }
        if (frames.size() >= 3) {
            float[] earlier = MotionImage.of(frames.get(frames.size() - 3));
            motion = MotionField.mean(flow.estimate(earlier, previous, rows, cols), motion);
            for (int i = 0; i < echo.length; i++) {
                echo[i] |= earlier[i] > 0;
            }
        }
        return fill.apply(motion, echo);
    }
}
