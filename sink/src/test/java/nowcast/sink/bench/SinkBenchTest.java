package nowcast.sink.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nowcast.sink.store.DirectoryForecastStore;

class SinkBenchTest {

    @TempDir
    Path root;

    @Test
    void storesEveryForecastAndVerifiesEveryLead() throws Exception {
        DirectoryForecastStore store = new DirectoryForecastStore(root);
        SinkBench.Result r = SinkBench.run(store, 3, 16);
        assertThat(store.baseTimes("bench")).hasSize(3);
        assertThat(r.verifiedLeads()).isEqualTo(30);
        assertThat(r.bytesPerForecast()).isEqualTo(128 + 10 * 16 * 16 * 4);
        assertThat(r.storeForecastsPerSecond()).isPositive();
    }
}
