package nowcast.training.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

/** The event catalogue's selection rules; no radar file is read. */
class BenchmarkEventsTest {

    private static final Path RADAR = Path.of("radar");

    @Test
    void rolesSplitTheCatalogue() {
        assertThat(BenchmarkEvents.withRole(RADAR, EventRole.DEVELOPMENT)).extracting(BenchmarkEvent::name)
                .containsExactly("mch_20170131", "fmi_20170509", "bom_20180616");
        assertThat(BenchmarkEvents.withRole(RADAR, EventRole.TRAINING)).extracting(BenchmarkEvent::name)
                .hasSize(10).contains("knmi_20100826", "opera_20180824").filteredOn(n -> n.startsWith("unica_")).hasSize(8);
        assertThat(BenchmarkEvent.development(RADAR)).extracting(BenchmarkEvent::name)
                .containsExactly("mch_20170131", "fmi_20170509", "bom_20180616");
    }

    @Test
    void everyEventGivesTheModelGridAndLivesUnderTheRadarFolder() {
        for (BenchmarkEvent e : BenchmarkEvents.all(RADAR)) {
            assertThat(e.size() / e.block()).as(e.name()).isEqualTo(BenchmarkEvent.GRID);
            assertThat(e.path().startsWith(RADAR)).as(e.name() + " under the radar folder").isTrue();
            assertThat(e.reader().format()).as(e.name()).isEqualTo(e.format());
        }
        BenchmarkEvent bom = BenchmarkEvents.byName(RADAR, "bom_20180616");
        assertThat(bom.size()).isEqualTo(512);
        assertThat(bom.block()).isEqualTo(4);
        assertThat(bom.cadence()).isEqualTo(Duration.ofMinutes(6));
        assertThat(BenchmarkEvents.byName(RADAR, "opera_20180824").cadence()).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void selectionsMixRolesAndNamesInCatalogueOrder() {
        assertThat(BenchmarkEvents.select(RADAR, "all")).hasSize(13);
        assertThat(BenchmarkEvents.select(RADAR, "opera_20180824, development")).extracting(BenchmarkEvent::name)
                .containsExactly("mch_20170131", "fmi_20170509", "bom_20180616", "opera_20180824");
        assertThat(BenchmarkEvents.select(RADAR, "training,unica_20190320_0005")).hasSize(10);
    }

    @Test
    void unknownNamesAndBadGridsAreExplained() {
        assertThatThrownBy(() -> BenchmarkEvents.select(RADAR, "development,mch_2099"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown event 'mch_2099'")
                .hasMessageContaining("bom_20180616");
        assertThatThrownBy(() -> BenchmarkEvent.checkGrid(300, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("size / block = 128");
        assertThatThrownBy(() -> BenchmarkEvent.checkGrid(258, 2)).isInstanceOf(IllegalArgumentException.class);
        BenchmarkEvent.checkGrid(1024, 8);
    }
}
