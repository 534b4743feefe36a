package nowcast.app.ingest;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code nowcast ingest}: put frames on the frames topic from archives, live directories or synthetic storms. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = "Publish radar frames: replay archives, watch live directories, or generate synthetic storms.",
        subcommands = {ReplayCommand.class, WatchCommand.class, SyntheticCommand.class})
public final class IngestCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
