package nowcast.app;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code nowcast config}: prints the settings reference (every option, its environment variable and default). */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = {"Print the settings reference as Markdown: every option of every command with its",
                "environment variable (NOWCAST_<OPTION>), properties-file key (file named by NOWCAST_CONFIG) and default."})
public final class ConfigCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        System.out.print(ConfigurationReference.markdown(spec.root().commandLine()));
        return 0;
    }
}
