package nowcast.app.model;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code nowcast model}: inspect, run and import GS2PM models. */
@Command(name = "model", mixinStandardHelpOptions = true,
        description = "GS2PM models: sizes, running on arrays, importing official checkpoints, the devices they can run on.",
        subcommands = {
                ModelInfoCommand.class,
                ModelRunCommand.class,
                ModelImportCommand.class,
                ModelConfigureCommand.class,
                ModelDevicesCommand.class,
        })
public final class ModelCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
