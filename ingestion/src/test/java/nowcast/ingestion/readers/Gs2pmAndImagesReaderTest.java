package nowcast.ingestion.readers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nowcast.frame.Frame;
import nowcast.frame.Quantity;

class Gs2pmAndImagesReaderTest {

    @TempDir
    Path root;

    @Test
    void gs2pmSamplesBecomeSourcesWithFramesInNumericOrder() throws Exception {
        for (String sample : List.of("sample_0", "sample_1")) {
            for (int i = 0; i < 20; i++) {
                int value = i;
                TestRasters.greyPng(root.resolve("test/sevir-vil/" + sample + "/" + i + ".png"), 4, 4, (r, c) -> value);
            }
        }
        for (int i = 0; i < 19; i++) {
            TestRasters.greyPng(root.resolve("test/kth/short/" + i + ".png"), 4, 4, (r, c) -> 0);
        }
        FrameReader reader = FrameReaders.byName("gs2pm");
        List<BadFrameException> rejected = new ArrayList<>();
        List<FrameLocation> all = reader.scan(root, rejected::add);

        assertThat(all).hasSize(40);
        assertThat(rejected).singleElement().satisfies(e -> assertThat(e.reason()).contains("20 PNG frames"));
        List<FrameLocation> first = all.stream().filter(l -> l.sourceId().equals("gs2pm:sevir-vil/sample_0")).toList();
        assertThat(first).hasSize(20);
        for (int i = 0; i < 20; i++) {
            Frame frame = reader.read(first.get(i));
            assertThat(frame.quantity()).isEqualTo(Quantity.GREY_LEVEL);
            assertThat(frame.field().get(1, 1)).isCloseTo(i / 255f, within(1e-6f));
        }
        FrameLocation secondStart = all.stream().filter(l -> l.sourceId().equals("gs2pm:sevir-vil/sample_1"))
                .findFirst().orElseThrow();
        assertThat(secondStart.time()).isAfter(first.get(19).time());
    }

    @Test
    void imageSequenceReadsPngAndPgmWithTheTimePattern() throws Exception {
        TestRasters.greyPng(root.resolve("cam_202401011205.png"), 3, 5, (r, c) -> 51);
        TestRasters.pgm(root.resolve("cam_202401011200.pgm"), 3, 5, 255, "# made by a test\n", (r, c) -> 255, false);
        TestRasters.rgbPng(root.resolve("cam_202401011210.png"), 3, 5, 0xFF0000);
        FrameReader reader = FrameReaders.byName("images",
                ReaderOptions.defaults().withSourceId("cam-1").withCadence(Duration.ofMinutes(5)));
        List<FrameLocation> all = reader.scan(root);
        assertThat(all).extracting(FrameLocation::time).containsExactly(Instant.parse("2024-01-01T12:00:00Z"),
                Instant.parse("2024-01-01T12:05:00Z"), Instant.parse("2024-01-01T12:10:00Z"));
        assertThat(reader.read(all.get(0)).field().get(2, 4)).isEqualTo(1f);
        assertThat(reader.read(all.get(1)).field().get(0, 0)).isCloseTo(0.2f, within(1e-6f));
        Frame colour = reader.read(all.get(2));
        assertThat(colour.field().channels()).isEqualTo(3);
        assertThat(colour.field().get(0, 0, 0)).isEqualTo(1f);
        assertThat(colour.field().get(0, 0, 1)).isZero();
        assertThat(colour.sourceId()).isEqualTo("cam-1");
    }
}
