package nowcast.ingestion.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import nowcast.frame.Frame;
import nowcast.frame.GeoReference;
import nowcast.frame.PhysicalField;
import nowcast.frame.Quantisation;
import nowcast.frame.Quantity;

class FrameSizePolicyTest {

    private static Frame frame(Quantity q, int rows, int cols, float[] values) {
        return new Frame("radar", Instant.parse("2024-01-01T00:00:00Z"), Duration.ofMinutes(5), "test",
                PhysicalField.single(q, rows, cols, values), Quantisation.float32(),
                new GeoReference("+proj=laea", 0, -400, 400, 0, 100, 100, "m", List.of()), "/x", Map.of());
    }

    @Test
    void parsesTheOperatorForms() {
        assertThat(FrameSizePolicy.parse("reject").mode()).isEqualTo(FrameSizePolicy.Mode.REJECT);
        FrameSizePolicy down = FrameSizePolicy.parse("downsample:128x96");
        assertThat(List.of(down.rows(), down.cols())).containsExactly(128, 96);
        FrameSizePolicy crop = FrameSizePolicy.parse("crop:10,20,64x64/2");
        assertThat(List.of(crop.cropRow(), crop.cropCol(), crop.rows(), crop.cols(), crop.block()))
                .containsExactly(10, 20, 64, 64, 2);
        assertThat(FrameSizePolicy.parse("raise-limit:20000000").limitBytes()).isEqualTo(20_000_000L);
        assertThatThrownBy(() -> FrameSizePolicy.parse("shrink")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("downsample:ROWSxCOLS");
    }

    @Test
    void downsamplingAveragesRatesByAreaAndReflectivityInLinearZ() {
        float[] rate = {0, 4, 8, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3};
        Frame r = FrameSizePolicy.parse("downsample:2x2").apply(frame(Quantity.RAIN_RATE, 4, 4, rate));
        assertThat(r.field().rows()).isEqualTo(2);
        assertThat(r.field().get(0, 0)).isCloseTo((0 + 4 + 1 + 1) / 4f, within(1e-6f));

        float[] dbz = {10, 30, 10, 10, 10, 30, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10};
        Frame z = FrameSizePolicy.parse("downsample:2x2").apply(frame(Quantity.REFLECTIVITY, 4, 4, dbz));
        double linear = (10 + 1000 + 10 + 1000) / 4.0;
        assertThat((double) z.field().get(0, 0)).isCloseTo(10 * Math.log10(linear), within(1e-4));
        assertThat(z.geo().pixelSizeX()).isEqualTo(200);
        assertThat(z.geo().xMax()).isEqualTo(400);
        assertThat(z.attributes()).containsKey("grid_mapping");
    }

    @Test
    void cropMovesTheGeoReference() {
        float[] v = new float[16];
        Frame c = FrameSizePolicy.parse("crop:1,2,2x2").apply(frame(Quantity.RAIN_RATE, 4, 4, v));
        assertThat(c.geo().xMin()).isEqualTo(200);
        assertThat(c.geo().yMax()).isEqualTo(-100);
        assertThat(c.geo().yMin()).isEqualTo(-300);
    }
}
