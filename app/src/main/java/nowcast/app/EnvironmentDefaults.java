package nowcast.app;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Fills every option that the command line leaves out, in the order defaults &lt; file &lt;
 * environment &lt; flags: first the environment variable {@code NOWCAST_<OPTION>} (the option's
 * longest name upper-cased, dashes as underscores, e.g. {@code --bootstrap} -> {@code NOWCAST_BOOTSTRAP}),
 * then the key {@code <option>} (e.g. {@code bootstrap}) of the properties file named by
 * {@code NOWCAST_CONFIG}, else the option's own default. One rule for every command, so
 * containers are configured without per-command code.
 */
final class EnvironmentDefaults implements CommandLine.IDefaultValueProvider {

    static final String CONFIG_VARIABLE = "NOWCAST_CONFIG";

    private final Map<String, String> environment;
    private final Properties file;

    EnvironmentDefaults(Map<String, String> environment) {
        this.environment = environment;
        this.file = load(environment.get(CONFIG_VARIABLE));
    }

    /**
     * Installs these defaults on the whole command tree. picocli still demands a required option that a
     * default provider fills, so every required option that the environment or the file supplies is made
     * optional: {@code NOWCAST_BOOTSTRAP=... nowcast sink} then runs without {@code --bootstrap}.
     */
    void installOn(CommandLine root) {
        root.setDefaultValueProvider(this);
        relaxSupplied(root);
    }

    private void relaxSupplied(CommandLine cl) {
        CommandSpec spec = cl.getCommandSpec();
        for (OptionSpec option : List.copyOf(spec.options())) {
            if (option.required() && supplied(option) != null && option.group() == null) {
                spec.remove(option);
                spec.addOption(OptionSpec.builder(option).required(false).build());
            }
        }
        cl.getSubcommands().values().forEach(this::relaxSupplied);
    }

    private String supplied(OptionSpec option) {
        String fromEnv = environment.get(variableFor(option));
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        return file.getProperty(key(option));
    }

    static String variableFor(OptionSpec option) {
        return "NOWCAST_" + key(option).toUpperCase(Locale.ROOT).replace('-', '_');
    }

    static String key(OptionSpec option) {
        return option.longestName().replaceFirst("^-+", "");
    }

    @Override
    public String defaultValue(ArgSpec argSpec) {
        if (!(argSpec instanceof OptionSpec option) || option.usageHelp() || option.versionHelp()) {
            return null;
        }
        String value = supplied(option);
        return value != null ? value : option.defaultValue();
    }

    private static Properties load(String path) {
        Properties p = new Properties();
        if (path == null || path.isBlank()) {
            return p;
        }
        try (InputStream in = Files.newInputStream(Path.of(path))) {
            p.load(in);
        } catch (IOException e) {
            throw new CommandLine.InitializationException(
                    CONFIG_VARIABLE + " names " + path + ", which cannot be read: " + e.getMessage());
        }
        return p;
    }
}
