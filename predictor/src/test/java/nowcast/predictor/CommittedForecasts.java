package nowcast.predictor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import nowcast.forecast.Forecast;
import nowcast.platform.testing.LocalStack;
import nowcast.schemas.serde.NowcastSerdes;

/** Reads a forecasts topic as a downstream consumer under exactly-once must: {@code read_committed}. */
final class CommittedForecasts implements AutoCloseable {

    private final KafkaConsumer<String, Forecast> consumer;
    private final List<Forecast> received = new ArrayList<>();

    CommittedForecasts(LocalStack stack, String topic) {
        Map<String, Object> config = stack.consumerConfig();
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                NowcastSerdes.forecasts(stack.serdeConfig()).deserializer());
        consumer.subscribe(List.of(topic));
    }

    /** Polls until {@code done} holds for everything received so far, or {@code timeout} passes. */
    List<Forecast> until(Predicate<List<Forecast>> done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.test(received) && System.nanoTime() < deadline) {
            poll();
        }
        return List.copyOf(received);
    }

    /** Keeps polling for {@code quiet} to catch anything that arrives late (a duplicate would). */
    List<Forecast> settle(Duration quiet) {
        long deadline = System.nanoTime() + quiet.toNanos();
        while (System.nanoTime() < deadline) {
            poll();
        }
        return List.copyOf(received);
    }

    private void poll() {
        for (ConsumerRecord<String, Forecast> r : consumer.poll(Duration.ofMillis(200))) {
            received.add(r.value());
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
