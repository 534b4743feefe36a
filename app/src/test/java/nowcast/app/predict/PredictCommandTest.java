package nowcast.app.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import nowcast.app.NowcastCommand;
import nowcast.model.Nowcaster;
import nowcast.model.NowcasterOptions;
import nowcast.model.extrapolation.FallbackNowcaster;
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
    void aModelThatCannotLoadIsBackedByTheFallbackAndAnUnknownOneIsNot() {
        Nowcaster backed = PredictCommand.withFallback("gs2pm", "extrapolation",
                NowcasterOptions.ofArtifact(Path.of("target/no-such-artifact")));
        assertThat(backed).isInstanceOf(FallbackNowcaster.class);
        assertThat(((FallbackNowcaster) backed).primaryLoaded()).isFalse();
        assertThat(backed.identity().name()).isEqualTo("extrapolation");

        assertThat(PredictCommand.withFallback("persistence", "none", NowcasterOptions.defaults()))
                .isNotInstanceOf(FallbackNowcaster.class);
        assertThatThrownBy(() -> PredictCommand.withFallback("crystal-ball", "extrapolation",
                NowcasterOptions.defaults())).hasMessageContaining("unknown nowcaster 'crystal-ball'");
    }

    @Test
    void aMalformedGridRuleIsRejectedByName() {
        int code = run("predict", "--bootstrap", "127.0.0.1:1", "--registry", "http://127.0.0.1:1",
                "--grid-rule", "knmi=1,2", "--metrics-port", "-1");
        assertThat(code).isNotZero();
        assertThat(err.toString()).contains("grid rule '1,2' must be row,col,blockSize");
    }

    @Test
    void bootstrapAndRegistryAreRequired() {
        assertThat(run("predict")).isNotZero();
        assertThat(err.toString()).contains("--bootstrap").contains("--registry");
    }
}
