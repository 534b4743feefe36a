package nowcast.ingestion.readers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.Raster;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import io.jhdf.HdfFile;
import nowcast.frame.Frame;
import nowcast.frame.Quantity;

/**
 * The BoM Rainfields, UNICA X-band and OPERA 2018 rain-rate sample files: each frame is compared with
 * the raw values of the same file read independently (jhdf's arrays, the JDK's PNG decoder).
 */
class BomUnicaOperaFilesTest {

    private static void assertStepsOf(List<FrameLocation> all, Duration step) {
        for (int i = 1; i < all.size(); i++) {
            assertThat(Duration.between(all.get(i - 1).time(), all.get(i).time())).as("step before frame " + i)
                    .isEqualTo(step);
        }
    }

    @Test
    void bomAccumulationBecomesRainRateOverItsPeriodWithRowZeroNorth() throws Exception {
        Path dir = SharedRadarData.dir("bom/prcp-cscn/2/2018/06/16");
        FrameReader reader = FrameReaders.byName("bom");
        List<FrameLocation> all = reader.scan(SharedRadarData.dir("bom"));
        assertThat(all).hasSize(61);
        assertThat(all.get(0).time()).isEqualTo(Instant.parse("2018-06-16T10:00:00Z"));
        assertThat(all.get(60).time()).isEqualTo(Instant.parse("2018-06-16T16:00:00Z"));
        assertStepsOf(all, Duration.ofMinutes(6));

        Path file = dir.resolve("2_20180616_124800.prcp-cscn.nc");
        Frame frame = reader.read(file);
        assertThat(frame.time()).isEqualTo(Instant.parse("2018-06-16T12:48:00Z"));
        assertThat(frame.quantity()).isEqualTo(Quantity.RAIN_RATE);
        assertThat(frame.field().rows()).isEqualTo(512);
        assertThat(frame.field().cols()).isEqualTo(512);
        assertThat(frame.cadence()).isEqualTo(Duration.ofMinutes(6));
        try (HdfFile hdf = new HdfFile(file)) {
            short[][] raw = (short[][]) hdf.getDatasetByPath("precipitation").getData();
            float[] y = (float[]) hdf.getDatasetByPath("y").getData();
            long seconds = ((Number) hdf.getDatasetByPath("valid_time").getData()).longValue()
                    - ((Number) hdf.getDatasetByPath("start_time").getData()).longValue();
            assertThat(seconds).isEqualTo(360);
            assertThat(y[0]).as("the file is written north-up").isGreaterThan(y[511]);
            int wet = 0;
            Mismatches wrong = new Mismatches();
            for (int r = 0; r < 512; r++) {
                for (int c = 0; c < 512; c++) {
                    float expected = raw[r][c] == Short.MIN_VALUE ? Float.NaN : raw[r][c] * 0.05f * 3600f / seconds;
                    wrong.check(r, c, expected, frame.field().get(r, c));
                    wet += raw[r][c] > 0 ? 1 : 0;
                }
            }
            wrong.assertNone();
            assertThat(wet).as("a rainy frame").isGreaterThan(10_000);
        }
        assertThat(frame.quantisation().nodata()).isEqualTo(-32768.0);
        assertThat(frame.quantisation().gain()).isCloseTo(0.5, within(1e-12));
        // x, y are cell centres in km, 0.5 km apart: the outer edges lie a quarter kilometre beyond them
        assertThat(frame.geo().projection()).startsWith("+proj=aea").contains("+lat_0=-37.852").contains("+lon_0=144.752")
                .contains("+lat_1=-18").contains("+lat_2=-36").contains("+units=km");
        assertThat(frame.geo().xMin()).isCloseTo(-128.25, within(1e-6));
        assertThat(frame.geo().xMax()).isCloseTo(127.75, within(1e-6));
        assertThat(frame.geo().yMin()).isCloseTo(-127.75, within(1e-6));
        assertThat(frame.geo().yMax()).isCloseTo(128.25, within(1e-6));
        assertThat(frame.geo().pixelSizeX()).isCloseTo(0.5, within(1e-9));
        assertThat(frame.geo().units()).isEqualTo("km");
    }

    @Test
    void unicaEchoesNoEchoAndTheRangeRing() throws Exception {
        Path dir = SharedRadarData.dir("unica/20180505_1745");
        FrameReader reader = FrameReaders.byName("unica");
        List<FrameLocation> all = reader.scan(dir);
        assertThat(all).hasSize(73);
        assertThat(all.get(0).time()).isEqualTo(Instant.parse("2018-05-05T11:45:00Z"));
        assertThat(all.get(72).time()).isEqualTo(Instant.parse("2018-05-05T17:45:00Z"));
        assertStepsOf(all, Duration.ofMinutes(5));

        Path file = dir.resolve("20180505_1745.png");
        Frame frame = reader.read(file);
        assertThat(frame.quantity()).isEqualTo(Quantity.REFLECTIVITY);
        assertThat(frame.field().rows()).isEqualTo(1024);
        assertThat(frame.field().cols()).isEqualTo(1024);
        Raster png = ImageIO.read(file.toFile()).getRaster();
        int echoes = 0;
        int invalid = 0;
        Mismatches wrong = new Mismatches();
        for (int r = 0; r < 1024; r++) {
            for (int c = 0; c < 1024; c++) {
                boolean outside = (r - 511.5) * (r - 511.5) + (c - 511.5) * (c - 511.5) > 512.5 * 512.5;
                float expected;
                if (outside) {
                    expected = Float.NaN;
                    invalid++;
                } else if (png.getSample(c, r, 1) > 127) {
                    expected = png.getSample(c, r, 0) / 2.55f - 8.6f;
                    echoes++;
                } else {
                    expected = -32f;
                }
                wrong.check(r, c, expected, frame.field().get(r, c));
            }
        }
        wrong.assertNone();
        assertThat(echoes).as("echo pixels in the last frame of a convective event").isGreaterThan(1000);
        // the ring touches the middle of each edge; only the corners fall outside (21.3 % of the image)
        assertThat(invalid / (1024.0 * 1024.0)).isCloseTo(0.213, within(0.001));
        assertThat(frame.field().get(0, 511)).isNotNaN();
        assertThat(frame.field().get(0, 0)).isNaN();
        assertThat(frame.geo().projection()).startsWith("+proj=tmerc").contains("+lon_0=9").contains("+x_0=1500000")
                .contains("+ellps=intl");
        assertThat(frame.geo().xMin()).isEqualTo(1_478_699.0);
        assertThat(frame.geo().xMax()).isEqualTo(1_540_139.0);
        assertThat(frame.geo().yMin()).isEqualTo(4_311_475.0);
        assertThat(frame.geo().yMax()).isEqualTo(4_372_915.0);
        assertThat((frame.geo().xMax() - frame.geo().xMin()) / 1024).isEqualTo(frame.geo().pixelSizeX());
    }

    @Test
    void unicaFileNamesAreUtc() throws Exception {
        FrameReader reader = FrameReaders.byName("unica");
        List<FrameLocation> all = reader.scan(SharedRadarData.dir("unica/20190320_0005"));
        assertThat(all.get(0).time()).isEqualTo(Instant.parse("2019-03-19T20:55:00Z"));
        assertThat(all.get(all.size() - 1).time()).isEqualTo(Instant.parse("2019-03-20T00:05:00Z"));
    }

    /** OPERA 2018: float64 values with nodata and undetect in /dataset1/what; /dataset2 is quality (QIND). */
    @Test
    void opera2018RainRateWithNodataAndUndetect() throws Exception {
        Path dir = SharedRadarData.dir("OPERA/20180824");
        FrameReader reader = FrameReaders.byName("odim");
        List<FrameLocation> all = reader.scan(dir);
        assertThat(all).hasSize(24);
        assertThat(all.get(0).time()).isEqualTo(Instant.parse("2018-08-24T18:00:00Z"));
        assertThat(all.get(23).time()).isEqualTo(Instant.parse("2018-08-24T23:45:00Z"));
        assertStepsOf(all, Duration.ofMinutes(15));

        Path file = dir.resolve("T_PAAH21_C_EUOC_20180824210000.hdf");
        Frame frame = reader.read(file);
        assertThat(frame.quantity()).isEqualTo(Quantity.RAIN_RATE);
        assertThat(frame.attributes()).containsEntry("odim_quantity", "RATE");
        assertThat(frame.field().rows()).isEqualTo(2200);
        assertThat(frame.field().cols()).isEqualTo(1900);
        int nodata = 0;
        int undetect = 0;
        int rain = 0;
        try (HdfFile hdf = new HdfFile(file)) {
            double[] raw = (double[]) hdf.getDatasetByPath("dataset1/data1/data").getDataFlat();
            float[] values = frame.field().values();
            Mismatches wrong = new Mismatches();
            for (int i = 0; i < raw.length; i++) {
                float expected;
                if (raw[i] == -9999000.0) {
                    expected = Float.NaN;
                    nodata++;
                } else if (raw[i] == -8888000.0) {
                    expected = 0f;
                    undetect++;
                } else {
                    expected = (float) Math.min(raw[i], OdimReader.MAX_RATE_MM_H);
                    rain += raw[i] > 0 ? 1 : 0;
                }
                wrong.check(i / 1900, i % 1900, expected, values[i]);
            }
            wrong.assertNone();
        }
        assertThat(nodata).isGreaterThan(1_000_000);
        assertThat(undetect).isGreaterThan(100_000);
        assertThat(rain).isGreaterThan(10_000);
        assertThat(frame.geo().xMin()).isCloseTo(0.0, within(5.0));
        assertThat(frame.geo().yMin()).isCloseTo(-4_400_000.0, within(5.0));
        assertThat(frame.geo().pixelSizeX()).isEqualTo(2000.0);
    }

    /** Counts pixels that differ from the independently decoded value; reports the first (one assertion, not millions). */
    private static final class Mismatches {
        private int count;
        private String first;

        void check(int row, int col, float expected, float actual) {
            boolean same = Float.isNaN(expected) ? Float.isNaN(actual) : Math.abs(actual - expected) <= 1e-4f;
            if (!same) {
                if (count == 0) {
                    first = "pixel " + row + "," + col + ": expected " + expected + ", read " + actual;
                }
                count++;
            }
        }

        void assertNone() {
            assertThat(count).as("pixels that differ from the raw file; first: %s", first).isZero();
        }
    }

    @Test
    void bothNewFormatsAreRegistered() {
        assertThat(FrameReaders.names()).contains("bom", "unica");
        assertThat(FrameReaders.byName("BoM").format()).isEqualTo("bom");
    }
}
