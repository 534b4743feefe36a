package nowcast.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nowcast.avro.DeadLetter;
import nowcast.forecast.Forecast;
import nowcast.platform.testing.LocalStack;
import nowcast.schemas.Topics;
import nowcast.schemas.serde.NowcastSerdes;
import nowcast.sink.store.DirectoryForecastStore;
import nowcast.sink.web.DashboardServer;

/** The sink against the in-process broker: read_committed, dead letters, idempotent replay after restart. */
class SinkServiceIT {

    private final LocalStack stack = LocalStack.shared();
    private final Topics topics = stack.freshTopics(1);

    @TempDir
    Path storeDir;

    private SinkService sink;
    private Thread thread;

    private DirectoryForecastStore startSink() throws Exception {
        DirectoryForecastStore store = new DirectoryForecastStore(storeDir);
        sink = new SinkService(new SinkService.Settings(stack.bootstrapServers(), stack.registryUrl(), topics,
                "sink-" + topics.prefix(), DashboardServer.Settings.localhost(0), Duration.ofDays(1),
                Duration.ofMinutes(10), 10), store);
        thread = new Thread(sink::run, "sink-under-test");
        thread.start();
        return store;
    }

    private void stopSink() throws InterruptedException {
        if (sink != null) {
            sink.close();
            thread.join(30_000);
            sink = null;
        }
    }

    @AfterEach
    void stop() throws InterruptedException {
        stopSink();
    }

    @Test
    void abortedForecastsAreNotStoredAndPoisonRecordsBecomeDeadLetters() throws Exception {
        DirectoryForecastStore store = startSink();
        Forecast aborted = Fixtures.forecast("radar", 9, 8, 8, 1, "gs2pm");
        Forecast committed = Fixtures.forecast("radar", 10, 8, 8, 1, "gs2pm");

        Map<String, Object> tx = new HashMap<>(stack.clientConfig());
        tx.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tx-" + topics.prefix());
        try (var producer = new KafkaProducer<>(tx, new StringSerializer(),
                NowcastSerdes.forecasts(stack.serdeConfig()).serializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topics.forecasts(), "radar", aborted));
            producer.flush();
            producer.abortTransaction();
        }
        try (var raw = new KafkaProducer<>(stack.clientConfig(), new StringSerializer(), new ByteArraySerializer())) {
            raw.send(new ProducerRecord<>(topics.forecasts(), "radar", new byte[] {0, 0, 0, 0, 42, 1, 2})).get();
        }
        try (var producer = new KafkaProducer<>(stack.clientConfig(), new StringSerializer(),
                NowcastSerdes.forecasts(stack.serdeConfig()).serializer())) {
            producer.send(new ProducerRecord<>(topics.forecasts(), "radar", committed)).get();
        }

        waitFor(() -> store.baseTimes("radar").contains(committed.baseTime()));
        assertThat(store.baseTimes("radar")).containsExactly(committed.baseTime());

        List<DeadLetter> letters = read(topics.deadLetter(), 1);
        assertThat(letters).hasSize(1);
        assertThat(letters.get(0).getStage()).isEqualTo("sink");
        assertThat(letters.get(0).getTopic()).isEqualTo(topics.forecasts());
        assertThat(letters.get(0).getSourceId()).isEqualTo("radar");
        assertThat(letters.get(0).getOriginalValue().remaining()).isEqualTo(7);

        // A restart with the same group resumes after the committed offsets: nothing is stored twice.
        stopSink();
        startSink();
        try (var producer = new KafkaProducer<>(stack.clientConfig(), new StringSerializer(),
                NowcastSerdes.forecasts(stack.serdeConfig()).serializer())) {
            producer.send(new ProducerRecord<>(topics.forecasts(), "radar",
                    Fixtures.forecast("radar", 11, 8, 8, 1, "gs2pm"))).get();
        }
        waitFor(() -> store.baseTimes("radar").size() == 2);
        assertThat(read(topics.deadLetter(), 1)).hasSize(1);
    }

    private List<DeadLetter> read(String topic, int atLeast) {
        Map<String, Object> config = new HashMap<>(stack.clientConfig());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + Instant.now().toEpochMilli());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<DeadLetter> out = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                NowcastSerdes.deadLetters(stack.serdeConfig()).deserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + 15_000;
            while (System.currentTimeMillis() < deadline && out.size() < atLeast) {
                consumer.poll(Duration.ofMillis(300)).forEach(r -> out.add(r.value()));
            }
            // Anything more would already be there: poll once more to catch duplicates.
            consumer.poll(Duration.ofMillis(1000)).forEach(r -> out.add(r.value()));
        }
        return out;
    }

    interface Check {
        boolean ok() throws Exception;
    }

    private static void waitFor(Check check) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (!check.ok()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("condition not met within 30 s");
            }
            Thread.sleep(100);
        }
    }
}
