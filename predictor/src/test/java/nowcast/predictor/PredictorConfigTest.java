package nowcast.predictor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Properties;

import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class PredictorConfigTest {

    @Test
    void theLatencySettingsAreTheDocumentedDefaultsAndAnOperatorsLingerWins() {
        Properties p = PredictorConfig.builder("b:9092").build().streamsProperties();
        assertThat(p.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo(PredictorConfig.COMMIT_INTERVAL_MS);
        assertThat(p.get(StreamsConfig.producerPrefix("linger.ms"))).isEqualTo(PredictorConfig.PRODUCER_LINGER_MS);
        assertThat(p.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);

        Properties own = PredictorConfig.builder("b:9092").streamsOverride("linger.ms", "50")
                .commitInterval(Duration.ofMillis(30)).build().streamsProperties();
        assertThat(own.get("linger.ms")).isEqualTo("50");
        assertThat(own).doesNotContainKey(StreamsConfig.producerPrefix("linger.ms"));
        assertThat(own.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo(30L);
    }

    @Test
    void aLongCommitIntervalBringsATransactionTimeoutThatCoversItAndStreamsAcceptsTheConfig() {
        Properties shortInterval = PredictorConfig.builder("b:9092").build().streamsProperties();
        assertThat(shortInterval).doesNotContainKey(StreamsConfig.producerPrefix("transaction.timeout.ms"));
        Properties p = PredictorConfig.builder("b:9092").commitInterval(java.time.Duration.ofMinutes(10)).build().streamsProperties();
        assertThat(p.get(StreamsConfig.producerPrefix("transaction.timeout.ms"))).isEqualTo(610_000);
        // Streams validates exactly-once against the transaction timeout when it reads the config
        new StreamsConfig(p);
        Properties own = PredictorConfig.builder("b:9092").commitInterval(java.time.Duration.ofMinutes(10))
                .streamsOverride("producer.transaction.timeout.ms", "700000").build().streamsProperties();
        assertThat(own.get(StreamsConfig.producerPrefix("transaction.timeout.ms"))).isEqualTo("700000");
    }

    @Test
    void parallelBatchesAreCheckedAndKeptByToBuilder() {
        assertThatThrownBy(() -> PredictorConfig.builder("b:9092").parallelBatches(0).build())
                .hasMessageContaining("parallel batches must be >= 1");
        PredictorConfig two = PredictorConfig.builder("b:9092").parallelBatches(2).build();
        assertThat(two.toBuilder().build().parallelBatches()).isEqualTo(2);
        assertThat(PredictorConfig.builder("b:9092").build().parallelBatches()).isEqualTo(1);
    }
}
