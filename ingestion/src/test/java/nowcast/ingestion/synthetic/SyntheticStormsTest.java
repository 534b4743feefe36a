package nowcast.ingestion.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import nowcast.frame.Frame;
import nowcast.frame.PhysicalField;
import nowcast.frame.Quantity;

class SyntheticStormsTest {

    private final StormSettings settings = StormSettings.defaults().withSources(3);

    @Test
    void framesAreAPureFunctionOfSeedSourceAndIndex() {
        SyntheticStorms a = new SyntheticStorms(settings);
        SyntheticStorms b = new SyntheticStorms(settings);
        for (long k : new long[] {0, 7, 500}) {
            assertThat(a.field(1, k).values()).containsExactly(b.field(1, k).values());
        }
        SyntheticStorms other = new SyntheticStorms(settings.withSeed(43));
        assertThat(Arrays.equals(a.field(1, 7).values(), other.field(1, 7).values())).isFalse();
        assertThat(Arrays.equals(a.field(0, 7).values(), a.field(2, 7).values())).isFalse();
    }

    @Test
    void framesCarrySourceTimeUnitAndCadence() {
        SyntheticStorms storms = new SyntheticStorms(settings.withCadence(Duration.ofMinutes(5)));
        Frame frame = storms.frame(2, 12);
        assertThat(frame.sourceId()).isEqualTo("synthetic-002");
        assertThat(frame.time()).isEqualTo(settings.start().plus(Duration.ofMinutes(60)));
        assertThat(frame.quantity()).isEqualTo(Quantity.RAIN_RATE);
        assertThat(frame.cadence()).isEqualTo(Duration.ofMinutes(5));
        assertThat(frame.field().rows()).isEqualTo(128);
    }

    @Test
    void fieldsMoveWithTheDocumentedSteeringFlow() {
        SyntheticStorms storms = new SyntheticStorms(settings);
        int step = 3;
        int checked = 0;
        for (int source = 0; source < 3; source++) {
            SteeringFlow flow = storms.flow(source);
            for (long k = 20; k < 200 && checked < 6; k += 17) {
                PhysicalField now = storms.field(source, k);
                PhysicalField later = storms.field(source, k + step);
                if (wetShare(now) < 0.02 || wetShare(later) < 0.02) {
                    continue;
                }
                int[] shift = bestShift(now, later, 14);
                assertThat((double) shift[0]).as("row shift, source %d frame %d", source, k)
                        .isCloseTo(flow.rowsPerFrame() * step, within(2.5));
                assertThat((double) shift[1]).as("col shift, source %d frame %d", source, k)
                        .isCloseTo(flow.colsPerFrame() * step, within(2.5));
                checked++;
            }
        }
        assertThat(checked).as("frames with enough rain to track").isGreaterThanOrEqualTo(3);
    }

    @Test
    void intensitiesLookLikeRadarRainRates() {
        SyntheticStorms storms = new SyntheticStorms(settings);
        long wet = 0;
        long total = 0;
        long light = 0;
        long heavy = 0;
        double max = 0;
        for (int source = 0; source < 3; source++) {
            for (long k = 0; k < 120; k += 4) {
                for (float v : storms.field(source, k).values()) {
                    total++;
                    assertThat(v).isGreaterThanOrEqualTo(0f);
                    if (v > 0) {
                        wet++;
                        light += v < 1 ? 1 : 0;
                        heavy += v > 10 ? 1 : 0;
                        max = Math.max(max, v);
                    }
                }
            }
        }
        double wetShare = (double) wet / total;
        assertThat(wetShare).isBetween(0.05, 0.8);
        assertThat(max).isBetween(10.0, 400.0);
        assertThat(heavy).isGreaterThan(0).isLessThan(light);
    }

    @Test
    void cellsGrowThenDecay() {
        StormCell cell = new StormCell(10, 30, 0, 0, 1, 1, 20, 5, 1, 0);
        assertThat(cell.intensityAt(9)).isZero();
        assertThat(cell.intensityAt(10)).isLessThan(cell.intensityAt(15));
        assertThat(cell.intensityAt(20)).isCloseTo(20, within(1e-9));
        assertThat(cell.intensityAt(35)).isLessThan(cell.intensityAt(25));
        assertThat(cell.intensityAt(40)).isZero();
        assertThat(cell.rowAt(15)).isEqualTo(5);
    }

    private static double wetShare(PhysicalField f) {
        int wet = 0;
        for (float v : f.values()) {
            wet += v > CORE_MM_H ? 1 : 0;
        }
        return (double) wet / f.size();
    }

    /** Convective cores are tracked; the wide, flat stratiform shields would make the correlation peak flat. */
    private static final double CORE_MM_H = 3.0;

    /** The integer displacement that best maps {@code a} onto {@code b} (largest normalised cross-correlation). */
    private static int[] bestShift(PhysicalField a, PhysicalField b, int range) {
        int rows = a.rows();
        int cols = a.cols();
        double best = -1;
        int[] arg = {0, 0};
        for (int dr = -range; dr <= range; dr++) {
            for (int dc = -range; dc <= range; dc++) {
                double ab = 0;
                double aa = 0;
                double bb = 0;
                for (int r = Math.max(0, -dr); r < Math.min(rows, rows - dr); r++) {
                    for (int c = Math.max(0, -dc); c < Math.min(cols, cols - dc); c++) {
                        double x = Math.max(0, a.get(r, c) - CORE_MM_H);
                        double y = Math.max(0, b.get(r + dr, c + dc) - CORE_MM_H);
                        ab += x * y;
                        aa += x * x;
                        bb += y * y;
                    }
                }
                double ncc = aa == 0 || bb == 0 ? 0 : ab / Math.sqrt(aa * bb);
                if (ncc > best) {
                    best = ncc;
                    arg = new int[] {dr, dc};
                }
            }
        }
        return arg;
    }
}
