package nowcast.app.cluster;

import picocli.CommandLine.Option;

/** {@code --partitions}: how many partitions a command gives the topics it creates because they are missing. */
public final class TopicPartitions {

    @Option(names = "--partitions", defaultValue = "6",
            description = "Partitions of the topics this command creates when they are missing (${DEFAULT-VALUE}).")
    int partitions;

    public int count() {
        return partitions;
    }
}
