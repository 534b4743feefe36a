package nowcast.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

import nowcast.ingestion.producer.FrameSizePolicy;

/** Option parsing of the ingest commands (no broker needed). */
class IngestCommandsTest {

    @Test
    void replayTakesSeveralSourcesWithTheirOwnOptions() {
        ReplayCommand replay = new ReplayCommand();
        new CommandLine(replay).parseArgs("--bootstrap", "127.0.0.1:9092", "--registry", "http://127.0.0.1:8081",
                "--format", "knmi", "--path", "/data/knmi", "--source", "nl",
                "--format", "odim", "--path", "/data/opera", "--quantity", "DBZH", "--cadence", "15m",
                "--speed", "60", "--from", "2010-08-26T00:00", "--to", "2010-08-26T03:00:00Z",
                "--source-size-policy", "nl=raise-limit:2000000");
        assertThat(replay.sources).hasSize(2);
        assertThat(replay.sources.get(0).format).isEqualTo("knmi");
        assertThat(replay.sources.get(0).source).isEqualTo("nl");
        assertThat(replay.sources.get(1).path).isEqualTo(Path.of("/data/opera"));
        assertThat(replay.sources.get(1).quantity).isEqualTo("DBZH");
        assertThat(replay.sources.get(1).cadence).isEqualTo(Duration.ofMinutes(15));
        assertThat(replay.pace.speed).isEqualTo(60.0);
        assertThat(replay.from).isEqualTo(Instant.parse("2010-08-26T00:00:00Z"));
        assertThat(replay.to).isEqualTo(Instant.parse("2010-08-26T03:00:00Z"));
        assertThat(replay.kafka.settings().policyFor("nl").mode()).isEqualTo(FrameSizePolicy.Mode.RAISE_LIMIT);
        assertThat(replay.kafka.settings().policyFor("other").mode()).isEqualTo(FrameSizePolicy.Mode.REJECT);
    }

    @Test
    void speedAndAsFastAsPossibleExcludeEachOther() {
        assertThatThrownBy(() -> new CommandLine(new ReplayCommand()).parseArgs("--bootstrap", "b", "--registry", "r",
                "--format", "fmi", "--path", "/x", "--speed", "2", "--as-fast-as-possible"))
                .isInstanceOf(CommandLine.ParameterException.class);
    }

    @Test
    void durationsAndTimesAreReadAsOperatorsWriteThem() {
        DurationConverter d = new DurationConverter();
        assertThat(d.convert("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(d.convert("300s")).isEqualTo(Duration.ofMinutes(5));
        assertThat(d.convert("PT6M")).isEqualTo(Duration.ofMinutes(6));
        assertThat(d.convert("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThatThrownBy(() -> d.convert("five minutes")).isInstanceOf(CommandLine.TypeConversionException.class)
                .hasMessageContaining("five minutes");
        assertThatThrownBy(() -> new InstantConverter().convert("yesterday"))
                .isInstanceOf(CommandLine.TypeConversionException.class);
    }

    @Test
    void syntheticDefaults() {
        SyntheticCommand synthetic = new SyntheticCommand();
        new CommandLine(synthetic).parseArgs("--bootstrap", "b", "--registry", "r", "--sources", "12", "--cadence", "5m");
        assertThat(synthetic.sources).isEqualTo(12);
        assertThat(synthetic.cadence).isEqualTo(Duration.ofMinutes(5));
        assertThat(synthetic.frames).isEqualTo(-1);
        assertThat(synthetic.rows).isEqualTo(128);
    }
}
