package nowcast.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The settings reference of docs/configuration.md, generated from the command tree itself: for every
 * command, each option with its environment variable, properties-file key and default. The docs test
 * compares the file with this, so the reference cannot drift from the code.
 */
public final class ConfigurationReference {

    public static final String BEGIN = "<!-- BEGIN GENERATED: nowcast config -->";
    public static final String END = "<!-- END GENERATED: nowcast config -->";

    private ConfigurationReference() {
    }

    /** One setting of one command. */
    public record Setting(String command, String option, String variable, String key, String defaultValue,
                          String description) {
    }

    public static List<Setting> settings(CommandLine root) {
        List<Setting> settings = new ArrayList<>();
        collect(root, settings);
        return settings;
    }

    private static void collect(CommandLine cl, List<Setting> out) {
        CommandSpec spec = cl.getCommandSpec();
        for (OptionSpec o : spec.options()) {
            if (o.usageHelp() || o.versionHelp()) {
                continue;
            }
            String def = o.defaultValue();
            String description = String.join(" ", o.description()).replace("${DEFAULT-VALUE}",
                    def == null ? "none" : def);
            out.add(new Setting(spec.qualifiedName(), o.longestName(), EnvironmentDefaults.variableFor(o),
                    EnvironmentDefaults.key(o), def, description));
        }
        for (Map.Entry<String, CommandLine> sub : cl.getSubcommands().entrySet()) {
            if (sub.getKey().equals(sub.getValue().getCommandName()) && !sub.getKey().equals("help")) {
                collect(sub.getValue(), out);
            }
        }
    }

    /** The generated Markdown, between {@link #BEGIN} and {@link #END}. */
    public static String markdown(CommandLine root) {
        StringBuilder md = new StringBuilder(BEGIN).append('\n');
        String current = null;
        for (Setting s : settings(root)) {
            if (!s.command().equals(current)) {
                current = s.command();
                md.append("\n### `").append(current).append("`\n\n")
                        .append("| option | environment variable | file key | default | meaning |\n")
                        .append("|---|---|---|---|---|\n");
            }
            md.append("| `").append(s.option()).append("` | `").append(s.variable()).append("` | `").append(s.key())
                    .append("` | ").append(s.defaultValue() == null ? "" : "`" + cell(s.defaultValue()) + "`")
                    .append(" | ").append(cell(s.description())).append(" |\n");
        }
        return md.append('\n').append(END).append('\n').toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
