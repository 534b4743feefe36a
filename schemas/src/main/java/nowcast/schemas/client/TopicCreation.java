package nowcast.schemas.client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where the project's services, the demo and the benchmarks create topics: those of
 * the given names that the cluster lacks, with the given partition counts and the broker's default
 * replication factor (1 on the in-process broker, the operator's choice on a real cluster). Topics
 * that exist are left as they are; one created by another client at the same moment counts as there,
 * since services may start together. A created topic is reported only once every partition has a
 * leader: the broker acknowledges the creation before its metadata reaches every listener, and a
 * Kafka Streams application started in that moment stops on a missing source topic.
 */
public final class TopicCreation {

    private static final Logger LOG = LoggerFactory.getLogger(TopicCreation.class);
    private static final long TIMEOUT_SECONDS = 60;

    private TopicCreation() {
    }

    /** Name to partition count, in the given order, all with {@code partitions}. */
    public static Map<String, Integer> withPartitions(int partitions, String... names) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (String n : names) {
            out.put(n, partitions);
        }
        return out;
    }

    /**
     * Creates the topics of {@code partitions} (name to partition count) that do not exist yet, waits
     * until each has a leader for every partition, and returns their names.
     *
     * @throws ExecutionException when the cluster refuses or fails (the cause says why)
     * @throws TimeoutException when the cluster does not answer within a minute
     */
    public static List<String> ensure(Admin admin, Map<String, Integer> partitions)
            throws InterruptedException, ExecutionException, TimeoutException {
        Set<String> existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        List<NewTopic> missing = new ArrayList<>();
        partitions.forEach((name, count) -> {
            if (!existing.contains(name)) {
                missing.add(new NewTopic(name, Optional.of(count), Optional.empty()));
            }
        });
        if (missing.isEmpty()) {
            return List.of();
        }
        LOG.info("creating topics {}", missing.stream().map(t -> t.name() + " (" + t.numPartitions() + " partitions)").toList());
        try {
            admin.createTopics(missing).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
        List<String> created = missing.stream().map(NewTopic::name).toList();
        awaitLeaders(admin, created);
        return created;
    }

    private static void awaitLeaders(Admin admin, List<String> names)
            throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (true) {
            try {
                Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames()
                        .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                if (described.values().stream().allMatch(t -> t.partitions().stream().allMatch(p -> p.leader() != null))) {
                    return;
                }
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("topics " + names + " were created but have no leader after "
                        + TIMEOUT_SECONDS + " s");
            }
            Thread.sleep(100);
        }
    }
}
