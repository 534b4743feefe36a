package nowcast.app;

import nowcast.app.bench.BenchCommand;
import nowcast.app.console.NativeStderr;
import nowcast.app.demo.DemoCommand;
import nowcast.app.evaluate.EvaluateCommand;
import nowcast.app.ingest.IngestCommand;
import nowcast.app.model.ModelCommand;
import nowcast.app.platform.BrokerCommand;
import nowcast.app.platform.RegistryCommand;
import nowcast.app.predict.PredictCommand;
import nowcast.app.sink.SinkCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code nowcast} command line. Each service or job is a subcommand in its own class;
 * register new ones in {@code subcommands} below.
 */
@Command(name = "nowcast",
        mixinStandardHelpOptions = true,
        versionProvider = NowcastCommand.Version.class,
        description = "Streaming precipitation nowcasting with Kafka Streams and GS2PM.",
        subcommands = {
                CommandLine.HelpCommand.class,
                DemoCommand.class,
                ConfigCommand.class,
                BrokerCommand.class,
                RegistryCommand.class,
                IngestCommand.class,
                PredictCommand.class,
                SinkCommand.class,
                ModelCommand.class,
                EvaluateCommand.class,
                BenchCommand.class,
                nowcast.app.train.TrainCommand.class,
        })
public final class NowcastCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        // DJL must not try the network unless asked: the GPU image sets DJL_OFFLINE=false at build time to
        // fetch CUDA libtorch once. These must be set before the engine first loads.
        String offline = System.getenv("DJL_OFFLINE");
        System.setProperty("ai.djl.offline", System.getProperty("ai.djl.offline",
                offline == null || offline.isBlank() ? "true" : offline));
        System.setProperty("OPT_OUT_TRACKING", "true");
        System.setProperty("ai.djl.default_engine", "PyTorch");
        NativeStderr.install();
        CommandLine cl;
        try {
            cl = commandLine(System.getenv());
        } catch (CommandLine.InitializationException e) {
            // e.g. NOWCAST_CONFIG naming a file that cannot be read: said in one line, like every other error
            System.err.println("nowcast: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.exit(cl.execute(args));
    }

    /** The command tree with environment and config-file defaults, as {@code main} runs it. */
    public static CommandLine commandLine(java.util.Map<String, String> environment) {
        CommandLine cl = new CommandLine(new NowcastCommand());
        new EnvironmentDefaults(environment).installOn(cl);
        CommandErrors errors = new CommandErrors();
        cl.setParameterExceptionHandler(errors);
        cl.setExecutionExceptionHandler(errors);
        return cl;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = NowcastCommand.class.getPackage().getImplementationVersion();
            return new String[] {"nowcast " + (v == null ? "dev" : v)};
        }
    }
}
