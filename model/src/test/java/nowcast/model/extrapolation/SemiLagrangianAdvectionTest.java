package nowcast.model.extrapolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import nowcast.frame.PhysicalField;
import nowcast.frame.Quantity;

class SemiLagrangianAdvectionTest {

    private static MotionField uniform(int size, float dRow, float dCol) {
        float[] r = new float[size * size];
        float[] c = new float[size * size];
        Arrays.fill(r, dRow);
        Arrays.fill(c, dCol);
        return new MotionField(size, size, r, c);
    }

    @Test
    void wholePixelMotionShiftsExactlyAndReplicatesTheUpstreamEdge() {
        int size = 6;
        float[] v = new float[size * size];
        for (int i = 0; i < v.length; i++) {
            v[i] = i;
        }
        PhysicalField field = PhysicalField.single(Quantity.RAIN_RATE, size, size, v);
        List<PhysicalField> out = SemiLagrangianAdvection.advect(field, uniform(size, 0f, 1f), 2);

        // after two steps east, column c holds what was in column c-2, and columns 0..1 the old column 0
        for (int r = 0; r < size; r++) {
            assertThat(out.get(1).get(r, 4)).isEqualTo(field.get(r, 2));
            assertThat(out.get(1).get(r, 0)).isEqualTo(field.get(r, 0));
            assertThat(out.get(1).get(r, 1)).isEqualTo(field.get(r, 0));
        }
    }

    @Test
    void halfPixelMotionInterpolatesBilinearly() {
        int size = 4;
        float[] v = new float[size * size];
        v[1 * size + 1] = 8f;
        PhysicalField field = PhysicalField.single(Quantity.RAIN_RATE, size, size, v);
        PhysicalField out = SemiLagrangianAdvection.advect(field, uniform(size, 0.5f, 0.5f), 1).get(0);

        assertThat(out.get(1, 1)).isCloseTo(2f, within(1e-6f));
        assertThat(out.get(2, 2)).isCloseTo(2f, within(1e-6f));
        assertThat(out.get(1, 2)).isCloseTo(2f, within(1e-6f));
        assertThat(out.get(0, 0)).isZero();
    }

    @Test
    void missingPixelsStayMissingWhenTheyDominateTheInterpolation() {
        int size = 4;
        float[] v = new float[size * size];
        Arrays.fill(v, 3f);
        v[0] = Float.NaN;
        PhysicalField field = PhysicalField.single(Quantity.RAIN_RATE, size, size, v);
        PhysicalField out = SemiLagrangianAdvection.advect(field, uniform(size, 0.25f, 0.25f), 1).get(0);

        assertThat(out.get(0, 0)).isNaN();
        assertThat(out.get(1, 1)).isCloseTo(3f, within(1e-6f));
    }
}
