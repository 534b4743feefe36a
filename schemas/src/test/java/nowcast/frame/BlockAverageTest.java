package nowcast.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BlockAverageTest {

    @Test
    void averagesRatesArithmeticallyInsideTheCrop() {
        float[] v = new float[4 * 6];
        for (int i = 0; i < v.length; i++) {
            v[i] = i;
        }
        PhysicalField f = PhysicalField.single(Quantity.RAIN_RATE, 4, 6, v);
        GridMapping m = GridMapping.crop(4, 6, 0, 2, 2, 2, 2, Quantity.RAIN_RATE);
        PhysicalField out = BlockAverage.apply(f, m);
        assertThat(out.rows()).isEqualTo(2);
        // block rows 0-1, cols 2-3: 2, 3, 8, 9
        assertThat(out.get(0, 0)).isEqualTo(5.5f);
        // block rows 2-3, cols 4-5: 16, 17, 22, 23
        assertThat(out.get(1, 1)).isEqualTo(19.5f);
    }

    @Test
    void averagesReflectivityInLinearZ() {
        float[] v = {10f, 30f, 30f, 30f};
        PhysicalField f = PhysicalField.single(Quantity.REFLECTIVITY, 2, 2, v);
        PhysicalField out = BlockAverage.apply(f, GridMapping.centred(2, 2, 1, 1, Quantity.REFLECTIVITY));
        double expected = 10 * Math.log10((10 + 3 * 1000) / 4.0);
        assertThat((double) out.get(0, 0)).isCloseTo(expected, within(1e-4));
    }

    @Test
    void blockWithLessThanHalfValidPixelsIsNoData() {
        float nan = Float.NaN;
        // left block: two of four valid (enough); right block: one of four (too few)
        float[] v = {1f, nan, nan, nan, 3f, nan, nan, 3f};
        PhysicalField f = PhysicalField.single(Quantity.RAIN_RATE, 2, 4, v);
        PhysicalField out = BlockAverage.apply(f, GridMapping.crop(2, 4, 0, 0, 1, 2, 2, Quantity.RAIN_RATE));
        assertThat(out.get(0, 0)).isEqualTo(2f);
        assertThat(out.get(0, 1)).isNaN();
    }

    @Test
    void centredMappingUsesTheLargestBlockThatFits() {
        GridMapping m = GridMapping.centred(765, 700, 128, 128, Quantity.RAIN_RATE);
        assertThat(m.blockSize()).isEqualTo(5);
        assertThat(m.cropRow()).isEqualTo((765 - 640) / 2);
        assertThat(m.cropCol()).isEqualTo((700 - 640) / 2);
    }

    @Test
    void rejectsCropOutsideTheSource() {
        assertThatThrownBy(() -> GridMapping.crop(100, 100, 50, 0, 64, 64, 1, Quantity.RAIN_RATE))
                .hasMessageContaining("outside the 100x100 source grid");
    }
}
