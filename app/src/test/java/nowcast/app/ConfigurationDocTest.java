package nowcast.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/**
 * docs/configuration.md must hold exactly the reference that {@code nowcast config} generates from the
 * command tree, so an option added, renamed or re-defaulted without updating the docs fails the build.
 */
class ConfigurationDocTest {

    static final Path REPO = Path.of("").toAbsolutePath().getParent();
    static final Path DOC = REPO.resolve("docs/configuration.md");

    @Test
    void docsHoldTheGeneratedReference() throws IOException {
        String expected = ConfigurationReference.markdown(NowcastCommand.commandLine(Map.of()));
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        int begin = doc.indexOf(ConfigurationReference.BEGIN);
        int end = doc.indexOf(ConfigurationReference.END);
        assertThat(begin).as("%s has no %s marker", DOC, ConfigurationReference.BEGIN).isNotNegative();
        assertThat(end).as("%s has no %s marker", DOC, ConfigurationReference.END).isGreaterThan(begin);
        String actual = doc.substring(begin, end + ConfigurationReference.END.length() + 1);
        if (!actual.equals(expected)) {
            Path fresh = Path.of("target", "configuration.generated.md");
            Files.writeString(fresh, expected, StandardCharsets.UTF_8);
            assertThat(actual).as("docs/configuration.md is out of date: run .ci/regenerate-configuration-doc (or replace its "
                    + "generated part with %s)", fresh.toAbsolutePath())
                    .isEqualTo(expected);
        }
    }

    @Test
    void everyOptionHasItsOwnVariable() {
        List<ConfigurationReference.Setting> settings = ConfigurationReference.settings(NowcastCommand.commandLine(Map.of()));
        assertThat(settings).isNotEmpty();
        Map<String, Set<String>> variablesPerCommand = settings.stream().collect(Collectors.groupingBy(
                ConfigurationReference.Setting::command,
                Collectors.mapping(ConfigurationReference.Setting::variable, Collectors.toSet())));
        settings.stream().collect(Collectors.groupingBy(ConfigurationReference.Setting::command, Collectors.counting()))
                .forEach((command, count) -> assertThat(variablesPerCommand.get(command))
                        .as("two options of %s share an environment variable", command).hasSize(count.intValue()));
    }

    @Test
    void environmentVariablesReachTheOptions() {
        CommandLine cl = NowcastCommand.commandLine(Map.of("NOWCAST_BOOTSTRAP", "kafka-1:9092",
                "NOWCAST_REGISTRY", "http://registry:8081", "NOWCAST_HOST", "0.0.0.0"));
        CommandLine.ParseResult parsed = cl.parseArgs("sink");
        CommandLine.Model.CommandSpec sink = parsed.subcommand().commandSpec();
        assertThat((String) sink.findOption("--bootstrap").getValue()).isEqualTo("kafka-1:9092");
        assertThat((String) sink.findOption("--host").getValue()).isEqualTo("0.0.0.0");
    }
}
