package nowcast.sink.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import nowcast.forecast.Forecast;
import nowcast.forecast.ModelIdentity;
import nowcast.forecast.Timings;
import nowcast.frame.GeoReference;
import nowcast.frame.GridMapping;
import nowcast.frame.PhysicalField;
import nowcast.frame.Quantisation;
import nowcast.frame.Quantity;
import nowcast.frame.RawType;
import nowcast.products.ForecastProducts;
import nowcast.sink.Fixtures;

/**
 * {@code forecast.json} (format nowcast-forecast/1) stays what it was, byte for byte, in the cases the
 * dashboard tests do not reach: a forecast with none of the optional parts (no grid mapping, geo
 * reference, wire quantisation, model, timings or creation time; absent objects are written as
 * {@code {}}, an absent geo reference as {@code null}), a three-channel camera forecast (no products),
 * and a rain-rate forecast with accumulations, exceedance probabilities and a quantised wire format.
 * The golden files were written by the tree-building code this format had before it became record
 * types; a deliberate change: rerun with {@code -Dnowcast.wire.record=true} from the sink module's
 * folder and review the diff.
 */
class ForecastMetadataFormatTest {

    private static final Path GOLDEN = Path.of("src/test/resources/nowcast/sink/store/forecast-json");
    private static final boolean RECORD = Boolean.getBoolean("nowcast.wire.record");
    private static final Instant BASE = Instant.parse("2026-03-01T12:50:00Z");

    @Test
    void aForecastWithoutItsOptionalParts() throws IOException {
        Forecast f = new Forecast("bare", BASE, inputs(), List.of(), leads(2), "synthetic",
                List.of(Fixtures.cell(4, 4, 0, 10), Fixtures.cell(4, 4, 1, 10)), null, null, null, null, null, null);
        matches("bare", ForecastFiles.metadata(f, ForecastProducts.none()));
    }

    @Test
    void aThreeChannelCameraForecast() throws IOException {
        float[] rgb = new float[4 * 4 * 3];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (i % 7) / 7f;
        }
        PhysicalField frame = new PhysicalField(Quantity.VISIBLE, 4, 4, 3, rgb);
        Forecast f = new Forecast("camera", BASE, inputs(), List.of(BASE.minus(Duration.ofMinutes(10))), leads(2),
                "webcam", List.of(frame, frame), Quantisation.float32(), GridMapping.identity(4, 4), null,
                new ModelIdentity("gs2pm", "small", "2", "f00d", "cpu"), new Timings(0.5, 12.25, 40, 3),
                BASE.plusSeconds(3));
        matches("camera", ForecastFiles.metadata(f, ForecastProducts.of(f.frames(), f.leadTimes())));
    }

    @Test
    void aRainRateForecastWithProducts() throws IOException {
        Forecast base = Fixtures.forecast("radar", 10, 16, 16, 1, "gs2pm");
        Forecast f = new Forecast(base.sourceId(), base.baseTime(), base.inputTimes(), base.interpolatedInputs(),
                base.leadTimes(), "RATE", base.frames(), new Quantisation(RawType.UINT16, 0.01, -0.5, 65535.0, 0.0, 0.0),
                new GridMapping(64, 48, 8, 0, 32, 32, 2, GridMapping.ARITHMETIC), base.geo(), base.model(),
                base.timings(), base.createdAt());
        matches("rain-rate-products", ForecastFiles.metadata(f, ForecastProducts.of(f.frames(), f.leadTimes())));
    }

    private static List<Instant> inputs() {
        List<Instant> times = new ArrayList<>();
        for (int i = 9; i >= 0; i--) {
            times.add(BASE.minus(Duration.ofMinutes(5L * i)));
        }
        return times;
    }

    private static List<Duration> leads(int n) {
        List<Duration> leads = new ArrayList<>();
        for (int k = 1; k <= n; k++) {
            leads.add(Duration.ofMinutes(5L * k));
        }
        return leads;
    }

    private static void matches(String name, byte[] json) throws IOException {
        Path file = GOLDEN.resolve(name + ".json");
        String text = new String(json, StandardCharsets.UTF_8);
        if (RECORD) {
            Files.createDirectories(GOLDEN);
            Files.writeString(file, text);
        }
        assertThat(text).as(name + ".json").isEqualTo(Files.readString(file));
    }
}
