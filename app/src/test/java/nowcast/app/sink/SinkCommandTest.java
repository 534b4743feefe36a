package nowcast.app.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

class SinkCommandTest {

    @Test
    void defaultsBindToLocalhostWithAFolderStore() {
        SinkCommand cmd = new SinkCommand();
        new CommandLine(cmd).parseArgs("--bootstrap", "127.0.0.1:9092", "--registry", "http://127.0.0.1:8081");
        assertThat(cmd.host).isEqualTo("127.0.0.1");
        assertThat(cmd.port).isEqualTo(8080);
        assertThat(cmd.store).isEqualTo("forecasts");
        assertThat(cmd.retention).isEqualTo(Duration.ofDays(7));
        assertThat(cmd.cluster.topics().frames()).isEqualTo("nowcast.frames");
        assertThat(cmd.cluster.bootstrap()).isEqualTo("127.0.0.1:9092");
        assertThat(cmd.tokenFile).isNull();
    }

    @Test
    void missingBrokerIsAUsageError() {
        StringWriter err = new StringWriter();
        int code = new CommandLine(new SinkCommand()).setErr(new PrintWriter(err))
                .execute("--registry", "http://127.0.0.1:8081");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--bootstrap");
    }

    @Test
    void anUnknownStoreSchemeIsRefusedBeforeAnythingStarts() {
        StringWriter err = new StringWriter();
        int code = new CommandLine(new SinkCommand()).setErr(new PrintWriter(err)).execute("--bootstrap",
                "127.0.0.1:1", "--registry", "http://127.0.0.1:1", "--store", "ftp://host/forecasts");
        assertThat(code).isNotZero();
        assertThat(err.toString()).contains("unknown scheme").contains("s3://bucket/prefix");
    }
}
