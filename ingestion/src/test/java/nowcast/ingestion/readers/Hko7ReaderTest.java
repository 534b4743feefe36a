package nowcast.ingestion.readers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nowcast.frame.Frame;
import nowcast.frame.Quantity;

class Hko7ReaderTest {

    @TempDir
    Path root;

    @Test
    void readsTheDateTreeInTimeOrderWithMasksApplied() throws Exception {
        Path archive = root.resolve("radarPNG");
        Path day = archive.resolve("2009/20090101");
        TestRasters.greyPng(day.resolve("RAD090101000600.png"), 8, 10, (r, c) -> 255);
        TestRasters.greyPng(day.resolve("RAD090101000000.png"), 8, 10, (r, c) -> r * 10 + c);
        TestRasters.greyPng(archive.resolve("2009/20090102/RAD090102000000.png"), 8, 10, (r, c) -> 0);
        // mask: 0 marks a bad pixel
        TestRasters.greyPng(root.resolve("radarPNG_mask/2009/20090101/RAD090101000000.png"), 8, 10,
                (r, c) -> r == 0 && c == 0 ? 0 : 255);

        FrameReader reader = FrameReaders.byName("hko7");
        List<FrameLocation> all = reader.scan(archive);
        assertThat(all).extracting(FrameLocation::time).containsExactly(
                Instant.parse("2009-01-01T00:00:00Z"), Instant.parse("2009-01-01T00:06:00Z"),
                Instant.parse("2009-01-02T00:00:00Z"));

        Frame first = reader.read(all.get(0));
        assertThat(first.quantity()).isEqualTo(Quantity.REFLECTIVITY);
        assertThat(first.field().get(0, 0)).isNaN();
        assertThat(first.field().get(2, 3)).isCloseTo((float) (23 / 255.0 * 70 - 10), within(1e-4f));
        Frame second = reader.read(all.get(1));
        assertThat(second.field().get(0, 0)).isCloseTo(60f, within(1e-4f));
        assertThat(second.cadence()).hasMinutes(6);
    }

    @Test
    void configurablePatternAndUnparseableTimesAreRejectedNotFatal() throws Exception {
        Path archive = root.resolve("maps");
        TestRasters.greyPng(archive.resolve("hk_2020-07-01_1200.png"), 4, 4, (r, c) -> 10);
        TestRasters.greyPng(archive.resolve("hk_2020-13-01_1200.png"), 4, 4, (r, c) -> 10);
        FrameReader reader = FrameReaders.byName("hko7", ReaderOptions.defaults().withTimePattern("yyyy-MM-dd_HHmm"));
        List<BadFrameException> rejected = new ArrayList<>();
        List<FrameLocation> all = reader.scan(archive, rejected::add);
        assertThat(all).extracting(FrameLocation::time).containsExactly(Instant.parse("2020-07-01T12:00:00Z"));
        assertThat(rejected).singleElement().satisfies(e -> {
            assertThat(e.path().getFileName().toString()).isEqualTo("hk_2020-13-01_1200.png");
            assertThat(e.reason()).contains("cannot parse an observation time");
        });
    }
}
