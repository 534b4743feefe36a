package nowcast.app.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import nowcast.app.evaluate.ExtrapolationBenchCommand;
import nowcast.app.ingest.IngestBenchCommand;
import nowcast.app.model.ModelBenchCommand;
import nowcast.app.predict.PipelineBenchCommand;
import nowcast.app.sink.SinkBenchCommand;

/** {@code nowcast bench}: the speed measurements whose results go to BENCHMARKS.md; one subcommand each. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure speed (results go to BENCHMARKS.md).",
        subcommands = {
                PipelineBenchCommand.class,
                ModelBenchCommand.class,
                IngestBenchCommand.class,
                ExtrapolationBenchCommand.class,
                SinkBenchCommand.class,
        })
public final class BenchCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
