package nowcast.sink.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nowcast.forecast.Forecast;
import nowcast.products.ForecastProducts;
import nowcast.scoring.Contingency;
import nowcast.sink.Fixtures;
import nowcast.sink.SinkJson;
import nowcast.sink.store.DirectoryForecastStore;
import nowcast.sink.store.ForecastFileName;
import nowcast.sink.store.ForecastKey;
import nowcast.sink.verify.LeadAggregate;

/** The dashboard's JSON documents, written by Jackson from their record types. */
class DashboardDocumentsTest {

    @Test
    void aLiveForecastAndTheSameForecastRestoredFromTheStoreGiveOneDocument(@TempDir Path root) throws Exception {
        Forecast f = Fixtures.forecast("radar", 9, 16, 16, 1, "gs2pm");
        DirectoryForecastStore store = new DirectoryForecastStore(root);
        store.write(f, ForecastProducts.of(f.frames(), f.leadTimes()));
        ForecastKey key = new ForecastKey(f.sourceId(), f.baseTime());
        byte[] meta = store.read(key, ForecastFileName.METADATA).orElseThrow();

        String live = SinkJson.text(ForecastSummary.of(f));
        String restored = SinkJson.text(ForecastSummary.fromStored(key, SinkJson.MAPPER.readTree(meta)));

        assertThat(restored).isEqualTo(live);
        assertThat(SinkJson.MAPPER.readTree(live).fieldNames()).toIterable().containsExactly("sourceId",
                "baseTime", "key", "product", "quantity", "unit", "rows", "cols", "model", "createdAt",
                "endToEndMillis", "metadataUrl", "arrayUrl", "leads", "colourScale", "products");
        assertThat(SinkJson.MAPPER.readTree(live).path("leads")).hasSize(10);
    }

    @Test
    void scoresKeepTheirFieldOrderAndWriteUndefinedScoresAsNull() {
        LeadAggregate a = new LeadAggregate("gs2pm", 1, Duration.ofMinutes(5), 2, 0.25, Double.NaN,
                List.of(new Contingency(1, 0, 0, 0), new Contingency(5, 1, 1, 2)), List.of());
        assertThat(SinkJson.text(ScoresDocument.of("radar", List.of(a)))).isEqualTo("{\"sourceId\":\"radar\","
                + "\"leads\":[{\"method\":\"gs2pm\",\"leadIndex\":1,\"leadSeconds\":300,\"count\":2,\"mse\":0.25,"
                + "\"mae\":null,\"categories\":[{\"threshold\":1.0,\"hits\":0,\"misses\":0,\"falseAlarms\":0,"
                + "\"csi\":null,\"pod\":null,\"far\":null},{\"threshold\":5.0,\"hits\":1,\"misses\":1,"
                + "\"falseAlarms\":2,\"csi\":0.25,\"pod\":0.5,\"far\":0.6666666666666666}],\"exceedance\":[]}]}");
    }

    @Test
    void theFrameEventNamesSourceAndTime() {
        assertThat(SinkJson.text(new DashboardFeed.FrameEvent("radar", "2026-03-01T12:00:00Z")))
                .isEqualTo("{\"sourceId\":\"radar\",\"time\":\"2026-03-01T12:00:00Z\"}");
    }
}
