package nowcast.app.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import nowcast.app.NowcastCommand;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class HelpTest {

    private static String run(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new NowcastCommand());
        cli.setOut(new PrintWriter(out));
        assertThat(cli.execute(args)).isZero();
        return out.toString();
    }

    @Test
    void rootHelpListsThePlatformCommands() {
        assertThat(run("--help")).contains("broker").contains("registry");
    }

    @Test
    void commandHelpShowsOptionsWithDefaults() {
        assertThat(run("broker", "--help")).contains("--data-dir").contains("--port").contains("9092");
        assertThat(run("registry", "--help")).contains("--bootstrap").contains("8081").contains("_schemas");
    }
}
