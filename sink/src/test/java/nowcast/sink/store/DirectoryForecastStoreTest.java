package nowcast.sink.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nowcast.forecast.Forecast;
import nowcast.sink.Fixtures;

class DirectoryForecastStoreTest {

    @TempDir
    Path root;

    @Test
    void writesLayoutWithArrayImagesAndMetadata() throws Exception {
        DirectoryForecastStore store = new DirectoryForecastStore(root);
        Forecast f = Fixtures.forecast("knmi", 9, 32, 48, 1, "gs2pm");
        StoredForecast stored = store.write(f);

        Path dir = root.resolve("knmi/2026/03/01/20260301T124500Z");
        assertThat(Path.of(stored.location())).isEqualTo(dir);
        try (Stream<Path> files = Files.list(dir)) {
            List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
            assertThat(names).contains(
                    "forecast.json", "forecast.npy", "lead-01.png", "lead-02.png", "lead-03.png", "lead-04.png",
                    "lead-05.png", "lead-06.png", "lead-07.png", "lead-08.png", "lead-09.png", "lead-10.png",
                    "accumulation-30min.npy", "accumulation-30min.png", "accumulation-60min.npy",
                    "accumulation-60min.png", "exceedance.npy", "exceedance-1-lead-01.png", "exceedance-3-lead-10.png");
            // 12 forecast files, 4 accumulation files, the probability array and 3 thresholds x 10 leads of images
            assertThat(names).hasSize(12 + 4 + 1 + 30);
        }
        JsonNode meta = new ObjectMapper().readTree(dir.resolve("forecast.json").toFile());
        assertThat(meta.get("baseTime").asText()).isEqualTo("2026-03-01T12:45:00Z");
        assertThat(meta.get("unit").asText()).isEqualTo("mm/h");
        assertThat(meta.get("inputTimes")).hasSize(10);
        assertThat(meta.get("leads").get(9).get("validTime").asText()).isEqualTo("2026-03-01T13:35:00Z");
        assertThat(meta.get("array").get("shape").toString()).isEqualTo("[10,32,48]");
        assertThat(meta.get("gridMapping").get("sourceRows").asInt()).isEqualTo(32);
        assertThat(meta.get("model").get("name").asText()).isEqualTo("gs2pm");
        assertThat(meta.get("geo").get("projection").asText()).startsWith("+proj=stere");
        assertThat(meta.get("geo").get("units").asText()).isEqualTo("km");
        assertThat(meta.get("geo").get("corners")).hasSize(8);
        assertThat(meta.get("timings").get("endToEndMillis").asDouble()).isEqualTo(3.0);
        assertThat(meta.get("colourScale").get("bands").get(0).get("from").asDouble()).isEqualTo(0.1);

        BufferedImage png = ImageIO.read(new ByteArrayInputStream(Files.readAllBytes(dir.resolve("lead-01.png"))));
        assertThat(png.getWidth()).isEqualTo(48);
        assertThat(png.getHeight()).isEqualTo(32);
        // The cell centre is coloured (opaque), the far corner below 0.1 mm/h is transparent, no data is grey.
        int centre = png.getRGB(48 / 4 + 10, 16);
        assertThat(centre >>> 24).isEqualTo(0xff);
        assertThat(centre).isEqualTo(ColourScales.forQuantity(f.frames().get(0).quantity())
                .argb(f.frames().get(0).get(16, 48 / 4 + 10)));
        assertThat(png.getRGB(47, 0) >>> 24).isZero();
        assertThat(png.getRGB(0, 31)).isEqualTo(ColourScale.NO_DATA_ARGB);
        assertThat(store.sources()).containsExactly("knmi");
        assertThat(store.baseTimes("knmi")).containsExactly(f.baseTime());
    }

    @Test
    void numpyReadsTheArrayWithoutThisProject() throws Exception {
        Assumptions.assumeTrue(pythonHasNumpy(), "python3 with numpy is not installed (.ci/install-deps adds it)");
        DirectoryForecastStore store = new DirectoryForecastStore(root);
        Forecast f = Fixtures.forecast("knmi", 9, 8, 6, 1, "gs2pm");
        Path npy = Path.of(store.write(f).location()).resolve("forecast.npy");
        Process p = new ProcessBuilder("python3", "-c",
                "import numpy, sys; a = numpy.load(sys.argv[1]); "
                        + "print(a.dtype, a.shape, repr(float(a[2, 3, 4])), int(numpy.isnan(a).sum()))",
                npy.toString()).redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        assertThat(out).isEqualTo("float32 (10, 8, 6) " + (double) f.frames().get(2).get(3, 4) + " " + (10 * 6));
    }

    @Test
    void numpyReadsTheProductsWithoutThisProject() throws Exception {
        Assumptions.assumeTrue(pythonHasNumpy(), "python3 with numpy is not installed (.ci/install-deps adds it)");
        DirectoryForecastStore store = new DirectoryForecastStore(root);
        Forecast f = Fixtures.forecast("knmi", 9, 16, 16, 1, "gs2pm");
        Path dir = Path.of(store.write(f).location());
        Process p = new ProcessBuilder("python3", "-c",
                "import numpy, sys, json; d = sys.argv[1]; m = json.load(open(d + '/forecast.json'))['products']; "
                        + "a = numpy.load(d + '/' + m['accumulations'][0]['npy']); "
                        + "e = numpy.load(d + '/' + m['exceedance']['npy']); "
                        + "print(a.shape, e.shape, m['exceedance']['thresholds'], "
                        + "bool(numpy.nanmin(e) >= 0 and numpy.nanmax(e) <= 1), '%.4f' % float(a[8, 13]))",
                dir.toString()).redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        // 30 min = leads 1..6 at 5 min each
        double mm = 0;
        for (int k = 0; k < 6; k++) {
            mm += f.frames().get(k).get(8, 13) * 5 / 60.0;
        }
        assertThat(out).isEqualTo("(16, 16) (3, 10, 16, 16) [1.0, 5.0, 10.0] True "
                + String.format(java.util.Locale.ROOT, "%.4f", mm));
    }

    @Test
    void writingTheSameForecastTwiceGivesTheSameFiles() throws Exception {
        DirectoryForecastStore store = new DirectoryForecastStore(root);
        Forecast f = Fixtures.forecast("knmi", 9, 16, 16, 1, "gs2pm");
        Path dir = Path.of(store.write(f).location());
        byte[] npy = Files.readAllBytes(dir.resolve("forecast.npy"));
        byte[] json = Files.readAllBytes(dir.resolve("forecast.json"));
        store.write(f);
        assertThat(Files.readAllBytes(dir.resolve("forecast.npy"))).isEqualTo(npy);
        assertThat(Files.readAllBytes(dir.resolve("forecast.json"))).isEqualTo(json);
        assertThat(store.baseTimes("knmi")).hasSize(1);

        // A different forecast for the same key replaces the old one whole.
        Forecast other = Fixtures.forecast("knmi", 9, 16, 16, 2, "gs2pm");
        store.write(other);
        assertThat(Files.readAllBytes(dir.resolve("forecast.npy"))).isNotEqualTo(npy);
        assertThat(Files.list(root.resolve(".staging")).count()).isZero();
    }

    @Test
    void leftoversOfACrashedWriteAreNeitherListedNorKept() throws Exception {
        new DirectoryForecastStore(root).write(Fixtures.forecast("knmi", 9, 8, 8, 1, "gs2pm"));
        Path partial = root.resolve(".staging/1234");
        Files.createDirectories(partial);
        Files.writeString(partial.resolve("forecast.npy"), "half");
        // A folder without metadata (not written by this store) is not a forecast.
        Files.createDirectories(root.resolve("knmi/2026/03/01/20260301T130000Z"));

        DirectoryForecastStore reopened = new DirectoryForecastStore(root);
        assertThat(Files.exists(partial)).isFalse();
        assertThat(reopened.baseTimes("knmi")).containsExactly(Instant.parse("2026-03-01T12:45:00Z"));
    }

    @Test
    void retentionRemovesForecastsWrittenBeforeTheCutoff() throws Exception {
        DirectoryForecastStore store = new DirectoryForecastStore(root);
        Path old = Path.of(store.write(Fixtures.forecast("knmi", 9, 8, 8, 1, "gs2pm")).location());
        store.write(Fixtures.forecast("knmi", 10, 8, 8, 1, "gs2pm"));
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minusSeconds(3600)));

        assertThat(store.deleteWrittenBefore(Instant.now().minusSeconds(600))).isEqualTo(1);
        assertThat(store.baseTimes("knmi")).containsExactly(Instant.parse("2026-03-01T12:50:00Z"));
        assertThat(Files.exists(old)).isFalse();
    }

    @Test
    void readRefusesNamesOutsideTheForecastFolder() throws Exception {
        DirectoryForecastStore store = new DirectoryForecastStore(root);
        Forecast f = Fixtures.forecast("knmi", 9, 8, 8, 1, "gs2pm");
        store.write(f);
        ForecastKey key = new ForecastKey("knmi", f.baseTime());
        assertThat(store.read(key, "lead-01.png")).isPresent();
        assertThatThrownBy(() -> store.read(key, "../../../../../etc/passwd"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not one of");
        assertThatThrownBy(() -> new ForecastKey("..", f.baseTime())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ForecastKey("a/b", f.baseTime())).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.read(new ForecastKey("radar", f.baseTime()), "forecast.json")).isEmpty();
    }

    @Test
    void unknownStoreSchemeNamesTheKnownOnes() {
        assertThatThrownBy(() -> ForecastStores.open("ftp://host/x", ForecastStores.S3Settings.fromEnvironment()))
                .hasMessageContaining("s3://bucket/prefix");
    }

    private static boolean pythonHasNumpy() {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import numpy").start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }

}
