package nowcast.app.train;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code nowcast train}: the offline training jobs. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train GS2PM: pre-training from scratch, prompt tuning or full fine-tuning.",
        subcommands = {PretrainCommand.class, TuneCommand.class})
public final class TrainCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
