package nowcast.app.predict;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

import nowcast.app.NowcastCommand;
import picocli.CommandLine;

class PredictCommandTest {

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new NowcastCommand());
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void anUnknownNowcasterIsAnsweredWithTheKnownOnes() {
        int code = run("predict", "--bootstrap", "127.0.0.1:1", "--registry", "http://127.0.0.1:1",
                "--nowcaster", "crystal-ball", "--metrics-port", "-1");
        assertThat(code).isNotZero();
        assertThat(err.toString()).contains("unknown nowcaster 'crystal-ball'").contains("persistence");
    }

    @Test
    void aMalformedGridRuleIsRejectedByName() {
        int code = run("predict", "--bootstrap", "127.0.0.1:1", "--registry", "http://127.0.0.1:1",
                "--grid-rule", "knmi=1,2", "--metrics-port", "-1");
        assertThat(code).isNotZero();
        assertThat(err.toString()).contains("grid rule '1,2' must be row,col,blockSize");
    }

    @Test
    void aBatchBoundThatIsNotAutoOrAPositiveNumberIsAUsageErrorOfPredictAndTheBench() {
        assertThat(run("predict", "--bootstrap", "127.0.0.1:1", "--registry", "http://127.0.0.1:1",
                "--max-batch", "0", "--metrics-port", "-1")).isEqualTo(2);
        assertThat(run("bench", "pipeline", "--max-batch", "many")).isEqualTo(2);
        assertThat(err.toString()).contains("--max-batch must be auto or a whole number >= 1, got '0'")
                .contains("--max-batch must be auto or a whole number >= 1, got 'many'");
    }

    @Test
    void bootstrapAndRegistryAreRequired() {
        assertThat(run("predict")).isNotZero();
        assertThat(err.toString()).contains("--bootstrap").contains("--registry");
    }
}
