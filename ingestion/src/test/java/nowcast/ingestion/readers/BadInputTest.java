package nowcast.ingestion.readers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of bad file ends in a {@link BadFrameException} naming the file and the reason. */
class BadInputTest {

    @TempDir
    Path dir;

    private static void assertBad(FrameReader reader, Path file, String reason) {
        assertThatThrownBy(() -> reader.read(file))
                .isInstanceOf(BadFrameException.class)
                .hasMessageContaining(file.toString())
                .satisfies(e -> assertThat(((BadFrameException) e).reason()).contains(reason));
    }

    @Test
    void corruptHdf5() throws Exception {
        byte[] junk = new byte[4096];
        new Random(1).nextBytes(junk);
        Path file = Files.write(dir.resolve("RAD_NL25_RAP_5min_201008260300.h5"), junk);
        assertBad(FrameReaders.byName("knmi"), file, "not a readable KNMI HDF5 file");
        Path odim = Files.write(dir.resolve("T_PAAH22_C_EUOC_20241126013000.hdf"), junk);
        assertBad(FrameReaders.byName("odim"), odim, "not a readable ODIM_H5 file");
    }

    @Test
    void truncatedKnmiFile() throws Exception {
        Path real = SharedRadarData.dir("KNMI/2010/08/RAD_NL25_RAP_5min_201008260300.h5");
        byte[] bytes = Files.readAllBytes(real);
        Path file = Files.write(dir.resolve(real.getFileName()), Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> FrameReaders.byName("knmi").read(file))
                .isInstanceOf(BadFrameException.class).hasMessageContaining(file.toString());
    }

    @Test
    void truncatedGzipPgm() throws Exception {
        Path real = SharedRadarData.dir("fmi/pgm/20170509/201705091045_fmi.radar.composite.lowest_FIN_SUOMI1.pgm.gz");
        byte[] bytes = Files.readAllBytes(real);
        Path file = Files.write(dir.resolve(real.getFileName()), Arrays.copyOf(bytes, bytes.length / 3));
        assertThatThrownBy(() -> FrameReaders.byName("fmi").read(file))
                .isInstanceOf(BadFrameException.class).hasMessageContaining(file.toString());
    }

    @Test
    void absurdHeaderSizeIsRefusedBeforeAllocation() throws Exception {
        Path file = dir.resolve("201705091045_fmi.radar.composite.lowest_FIN_SUOMI1.pgm");
        Files.writeString(file, "P5\n2000000000 2000000000\n255\n");
        assertBad(FrameReaders.byName("fmi"), file, "exceeds the limit");
    }

    @Test
    void wrongDimensions() throws Exception {
        Path file = TestRasters.paletteGif(dir.resolve("AQC170310945F_00005.801.gif"), 100, 100, (r, c) -> 50);
        assertBad(FrameReaders.byName("mch"), file, "must be 710x640");
    }

    @Test
    void allNoDataFrame() throws Exception {
        Path file = TestRasters.pgm(dir.resolve("201705091045_fmi.radar.composite.lowest_FIN_SUOMI1.pgm.gz"), 20, 30,
                255, "# obstime 201705091045\n", (r, c) -> 255, true);
        assertBad(FrameReaders.byName("fmi"), file, "no valid pixel");
    }

    @Test
    void unparseableTimeInTheName() throws Exception {
        Files.write(dir.resolve("RAD_NL25_RAP_5min_201013261300.h5"), new byte[16]);
        Files.write(dir.resolve("AQC179990945F_00005.801.gif"), new byte[16]);
        List<BadFrameException> rejected = new ArrayList<>();
        assertThat(FrameReaders.byName("knmi").scan(dir, rejected::add)).isEmpty();
        assertThat(FrameReaders.byName("mch").scan(dir, rejected::add)).isEmpty();
        assertThat(rejected).hasSize(2);
        assertThat(rejected).allSatisfy(e -> assertThat(e.getMessage()).contains(dir.toString()));
        assertThatThrownBy(() -> FrameReaders.byName("knmi").read(dir.resolve("RAD_NL25_RAP_5min_201013261300.h5")))
                .isInstanceOf(BadFrameException.class).hasMessageContaining("cannot parse an observation time");
    }

    @Test
    void unknownFileContent() throws Exception {
        Path file = Files.writeString(dir.resolve("cam_202401011200.png"), "this is not an image");
        assertBad(FrameReaders.byName("images"), file, "not a PNG/GIF image");
    }

    @Test
    void obstimeThatDisagreesWithTheName() throws Exception {
        Path file = TestRasters.pgm(dir.resolve("201705091045_fmi.radar.composite.lowest_FIN_SUOMI1.pgm"), 20, 30,
                255, "# obstime 201705091050\n", (r, c) -> 64, false);
        assertBad(FrameReaders.byName("fmi"), file, "differs from the file-name time");
    }

    @Test
    void truncatedBomFile() throws Exception {
        Path real = SharedRadarData.dir("bom/prcp-cscn/2/2018/06/16/2_20180616_124800.prcp-cscn.nc");
        byte[] bytes = Files.readAllBytes(real);
        Path file = Files.write(dir.resolve(real.getFileName()), Arrays.copyOf(bytes, bytes.length / 2));
        assertBad(FrameReaders.byName("bom"), file, "not a readable Rainfields netCDF4 file");
    }

    @Test
    void bomFileWithoutThePrecipitationVariable() throws Exception {
        Path file = dir.resolve("2_20180616_124800.prcp-cscn.nc");
        try (io.jhdf.WritableHdfFile hdf = io.jhdf.HdfFile.write(file)) {
            hdf.putDataset("rain_rate", new short[][] {{1, 2}, {3, 4}});
        }
        assertBad(FrameReaders.byName("bom"), file, "no variable 'precipitation'");
        assertBad(FrameReaders.byName("bom"), file, "rain_rate");
    }

    @Test
    void truncatedUnicaPng() throws Exception {
        Path real = SharedRadarData.dir("unica/20180505_1745/20180505_1745.png");
        byte[] bytes = Files.readAllBytes(real);
        Path file = Files.write(dir.resolve(real.getFileName()), Arrays.copyOf(bytes, bytes.length / 2));
        assertBad(FrameReaders.byName("unica"), file, "corrupt or truncated image");
    }

    @Test
    void unicaPngOfAnotherColourTypeIsRefused() throws Exception {
        Path rgb = TestRasters.rgbPng(dir.resolve("rgb/20180505_1745.png"), 1024, 1024, 0x336699);
        assertBad(FrameReaders.byName("unica"), rgb, "must be 8-bit grey + alpha");
        assertBad(FrameReaders.byName("unica"), rgb, "RGB");
        Path grey = TestRasters.greyPng(dir.resolve("grey/20180505_1745.png"), 1024, 1024, (r, c) -> 40);
        assertBad(FrameReaders.byName("unica"), grey, "grey without alpha");
    }

    @Test
    void unicaPngOfTheWrongSize() throws Exception {
        Path file = TestRasters.greyAlphaPng(dir.resolve("20180505_1745.png"), 100, 100, (r, c) -> 40, (r, c) -> 255);
        assertBad(FrameReaders.byName("unica"), file, "must be 1024x1024");
    }

    @Test
    void unicaGreyAlphaPngDecodes() throws Exception {
        // echo (alpha 255) at grey 102 = 31.4 dBZ, no echo (alpha 0) elsewhere, a corner beyond the range ring
        Path file = TestRasters.greyAlphaPng(dir.resolve("20180505_1745.png"), 1024, 1024, (r, c) -> 102,
                (r, c) -> r == 500 && c == 500 ? 255 : r == 501 ? 127 : 0);
        nowcast.frame.Frame frame = FrameReaders.byName("unica").read(file);
        assertThat(frame.time()).isEqualTo(java.time.Instant.parse("2018-05-05T17:45:00Z"));
        assertThat(frame.field().get(500, 500)).isCloseTo(102 / 2.55f - 8.6f, org.assertj.core.api.Assertions.within(1e-5f));
        assertThat(frame.field().get(501, 500)).isEqualTo(-32f);
        assertThat(frame.field().get(1023, 1023)).isNaN();
    }
}
