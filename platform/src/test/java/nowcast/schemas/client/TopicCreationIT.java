package nowcast.schemas.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nowcast.platform.broker.EmbeddedKafkaBroker;
import nowcast.schemas.Topics;

class TopicCreationIT {

    @Test
    void createsWhatIsMissingWithItsPartitionsAndLeavesExistingTopicsAlone(@TempDir Path data) throws Exception {
        Topics topics = Topics.withPrefix("tc");
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(data, 0);
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            Map<String, Integer> wanted = TopicCreation.withPartitions(3, topics.frames(), topics.forecasts());
            wanted.put(topics.deadLetter(), 1);

            assertThat(TopicCreation.ensure(admin, wanted))
                    .containsExactly(topics.frames(), topics.forecasts(), topics.deadLetter());
            Map<String, TopicDescription> described = admin.describeTopics(wanted.keySet()).allTopicNames()
                    .get(30, TimeUnit.SECONDS);
            assertThat(described.get(topics.frames()).partitions()).hasSize(3);
            assertThat(described.get(topics.deadLetter()).partitions()).hasSize(1);
            assertThat(described.get(topics.frames()).partitions().get(0).replicas()).hasSize(1);

            // a second run (another service starting) creates nothing and does not touch the partitions
            Map<String, Integer> again = TopicCreation.withPartitions(5, topics.frames(), topics.scores());
            assertThat(TopicCreation.ensure(admin, again)).isEqualTo(List.of(topics.scores()));
            assertThat(admin.describeTopics(List.of(topics.frames())).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(topics.frames()).partitions()).hasSize(3);
        }
    }
}
