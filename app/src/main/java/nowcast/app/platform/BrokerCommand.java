package nowcast.app.platform;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import nowcast.platform.broker.EmbeddedKafkaBroker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code nowcast broker}: a single-node KRaft Kafka broker on a local data directory. */
@Command(name = "broker", mixinStandardHelpOptions = true,
        description = {"Runs a single-node Kafka 4.4 broker (KRaft, broker + controller) until Ctrl-C / SIGTERM.",
                "The data directory is formatted on first start and reused afterwards, so topics survive restarts."})
public final class BrokerCommand implements Callable<Integer> {

    @Option(names = "--data-dir", defaultValue = "data/kafka", description = "Data directory (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--port", defaultValue = "9092", description = "Client port on 127.0.0.1 (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int port;

    @Override
    public Integer call() throws Exception {
        EmbeddedKafkaBroker broker;
        try {
            broker = EmbeddedKafkaBroker.start(dataDir, port);
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            System.err.println("nowcast broker: " + e.getMessage());
            return 1;
        }
        System.out.println("Kafka broker ready: bootstrap.servers=" + broker.bootstrapServers() + " (data "
                + dataDir.toAbsolutePath() + "). Ctrl-C to stop.");
        UntilStopped.await(broker, "broker");
        return 0;
    }
}
