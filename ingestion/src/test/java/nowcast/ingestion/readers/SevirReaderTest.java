package nowcast.ingestion.readers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import nowcast.frame.Frame;
import nowcast.frame.Quantity;
import nowcast.frame.VilPixelScale;

class SevirReaderTest {

    private static final int SIZE = 384;
    private static final int FRAMES = 49;

    @TempDir
    Path root;

    /** Event e, frame t: pixel (r, c) = (e * 100 + t + r + c) % 256. */
    private static int pixel(int e, int t, int r, int c) {
        return (e * 100 + t + r + c) % 256;
    }

    private void writeArchive() throws Exception {
        byte[][][][] vil = new byte[2][SIZE][SIZE][FRAMES];
        for (int e = 0; e < 2; e++) {
            for (int r = 0; r < SIZE; r++) {
                for (int c = 0; c < SIZE; c++) {
                    for (int t = 0; t < FRAMES; t++) {
                        vil[e][r][c][t] = (byte) pixel(e, t, r, c);
                    }
                }
            }
        }
        Path file = root.resolve("data/vil/2019/SEVIR_VIL_STORMEVENTS_2019_0101_0630.h5");
        Files.createDirectories(file.getParent());
        try (WritableHdfFile hdf = HdfFile.write(file)) {
            hdf.putDataset("vil", vil);
        }
        StringJoiner offsets = new StringJoiner(":");
        for (int t = 0; t < FRAMES; t++) {
            offsets.add(String.valueOf(-120 + 5 * t));
        }
        String name = "vil/2019/SEVIR_VIL_STORMEVENTS_2019_0101_0630.h5";
        Files.writeString(root.resolve("CATALOG.csv"), String.join("\n",
                "id,file_name,file_index,img_type,time_utc,minute_offsets,proj",
                "S001,vil/2019/other_ir.h5,0,ir069,2019-06-01 12:00:00,,\"+proj=laea +lat_0=38\"",
                "S001," + name + ",1,vil,2019-06-01 12:00:00," + offsets + ",\"+proj=laea +lat_0=38\"",
                "S002," + name + ",0,vil,2019-06-01 10:00:00,,\"+proj=laea +lat_0=38\"",
                "S003," + name + ",0,vil,2019-06-01 25:00:00,,x",
                ""));
    }

    @Test
    void catalogueSelectsVilEventsAndPixelsDecodeToKgPerM2() throws Exception {
        writeArchive();
        FrameReader reader = FrameReaders.byName("sevir");
        List<BadFrameException> rejected = new ArrayList<>();
        List<FrameLocation> all = reader.scan(root, rejected::add);

        assertThat(all).hasSize(2 * FRAMES);
        assertThat(rejected).singleElement().satisfies(e -> assertThat(e.reason()).contains("time_utc"));
        FrameLocation s001First = all.stream().filter(l -> l.sourceId().equals("sevir:S001")).findFirst().orElseThrow();
        assertThat(s001First.time()).isEqualTo(Instant.parse("2019-06-01T10:00:00Z"));
        FrameLocation s002Last = all.stream().filter(l -> l.sourceId().equals("sevir:S002"))
                .reduce((a, b) -> b).orElseThrow();
        assertThat(s002Last.time()).isEqualTo(Instant.parse("2019-06-01T14:00:00Z"));

        FrameLocation s001Frame7 = all.stream().filter(l -> l.sourceId().equals("sevir:S001")).skip(7).findFirst().orElseThrow();
        Frame frame = reader.read(s001Frame7);
        assertThat(frame.quantity()).isEqualTo(Quantity.VIL);
        assertThat(frame.field().rows()).isEqualTo(SIZE);
        assertThat(frame.time()).isEqualTo(Instant.parse("2019-06-01T10:35:00Z"));
        for (int[] rc : new int[][] {{0, 0}, {10, 20}, {100, 50}, {383, 383}}) {
            int p = pixel(1, 7, rc[0], rc[1]);
            assertThat((double) frame.field().get(rc[0], rc[1])).isCloseTo(VilPixelScale.kgPerM2(p), within(1e-5));
        }
        assertThat(frame.attributes()).containsKey("pixel_thresholds_kg_m2");
    }

    @Test
    void vilScaleFollowsThePublishedRule() {
        assertThat(VilPixelScale.kgPerM2(5)).isZero();
        assertThat(VilPixelScale.kgPerM2(18)).isCloseTo(16 / 90.66, within(1e-9));
        assertThat(VilPixelScale.kgPerM2(133)).isCloseTo(Math.exp((133 - 83.9) / 38.9), within(1e-9));
        for (int threshold : VilPixelScale.PIXEL_THRESHOLDS) {
            assertThat(VilPixelScale.pixelOf(VilPixelScale.kgPerM2(threshold))).isLessThanOrEqualTo(threshold);
        }
    }

    @Test
    void eventIndexBeyondTheFileIsABadFrame() throws Exception {
        writeArchive();
        FrameReader reader = FrameReaders.byName("sevir");
        Path file = root.resolve("data/vil/2019/SEVIR_VIL_STORMEVENTS_2019_0101_0630.h5");
        assertThatThrownBy(() -> reader.read(new FrameLocation(file, Instant.EPOCH, "sevir:x", 5 * SevirReader.STRIDE)))
                .isInstanceOf(BadFrameException.class).hasMessageContaining("file_index 5").hasMessageContaining(file.toString());
    }
}
