package nowcast.sink.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * What the sink measures about itself, exported at {@code /metrics} (Prometheus) and summarised for
 * the dashboard: consumer lag, end-to-end latency (frame produced to forecast made, from the
 * forecast's timings), sink delay (forecast made to stored), forecasts per minute, verification backlog.
 */
public final class SinkHealth {

    private final Clock clock;
    private final Instant started;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Counter forecasts;
    private final Counter frames;
    private final Counter scores;
    private final Counter failures;
    private final DistributionSummary endToEnd;
    private final DistributionSummary sinkDelay;
    private final AtomicLong consumerLag = new AtomicLong(-1);
    private final Deque<Instant> recentForecasts = new ArrayDeque<>();
    private volatile double lastEndToEndMillis = Double.NaN;
    private volatile double lastSinkDelayMillis = Double.NaN;

    public SinkHealth(Clock clock) {
        this.clock = clock;
        this.started = clock.instant();
        forecasts = Counter.builder("nowcast_sink_forecasts").description("Forecasts stored").register(registry);
        frames = Counter.builder("nowcast_sink_frames").description("Observed frames received").register(registry);
        scores = Counter.builder("nowcast_sink_scores").description("Lead scores emitted").register(registry);
        failures = Counter.builder("nowcast_sink_failures").description("Records that could not be processed")
                .register(registry);
        endToEnd = DistributionSummary.builder("nowcast_sink_end_to_end")
                .description("Frame produced to forecast emitted, from the forecast's timings").baseUnit("milliseconds")
                .publishPercentiles(0.5, 0.95).register(registry);
        sinkDelay = DistributionSummary.builder("nowcast_sink_store_delay")
                .description("Forecast created to forecast stored").baseUnit("milliseconds").register(registry);
        Gauge.builder("nowcast_sink_consumer_lag", consumerLag, AtomicLong::get)
                .description("Records behind the end of the frames and forecasts topics (-1: unknown)")
                .register(registry);
        Gauge.builder("nowcast_sink_forecasts_per_minute", this, SinkHealth::forecastsPerMinute)
                .description("Forecasts stored in the last minute").register(registry);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Adds a gauge read from {@code owner} at scrape time. */
    public <T> void gauge(String name, String description, T owner, ToDoubleFunction<T> value) {
        Gauge.builder(name, owner, value).description(description).register(registry);
    }

    public void forecastStored(double endToEndMillis, Instant createdAt) {
        forecasts.increment();
        Instant now = clock.instant();
        synchronized (recentForecasts) {
            recentForecasts.addLast(now);
            prune(now);
        }
        if (Double.isFinite(endToEndMillis) && endToEndMillis >= 0) {
            endToEnd.record(endToEndMillis);
            lastEndToEndMillis = endToEndMillis;
        }
        if (createdAt != null) {
            double delay = Duration.between(createdAt, now).toMillis();
            sinkDelay.record(Math.max(0, delay));
            lastSinkDelayMillis = delay;
        }
    }

    public void frameReceived() {
        frames.increment();
    }

    public void scoresEmitted(int n) {
        scores.increment(n);
    }

    public void failed() {
        failures.increment();
    }

    public void consumerLag(long lag) {
        consumerLag.set(lag);
    }

    public double forecastsPerMinute() {
        synchronized (recentForecasts) {
            prune(clock.instant());
            return recentForecasts.size();
        }
    }

    private void prune(Instant now) {
        Instant cutoff = now.minusSeconds(60);
        while (!recentForecasts.isEmpty() && recentForecasts.peekFirst().isBefore(cutoff)) {
            recentForecasts.removeFirst();
        }
    }

    /** The numbers the dashboard shows. */
    public record Snapshot(long consumerLag, double lastEndToEndMillis, double meanEndToEndMillis,
                           double lastStoreDelayMillis, double forecastsPerMinute, long forecasts, long frames,
                           long scores, long failures, Duration uptime) {
    }

    public Snapshot snapshot() {
        return new Snapshot(consumerLag.get(), lastEndToEndMillis, endToEnd.count() == 0 ? Double.NaN : endToEnd.mean(),
                lastSinkDelayMillis, forecastsPerMinute(), (long) forecasts.count(), (long) frames.count(),
                (long) scores.count(), (long) failures.count(), Duration.between(started, clock.instant()));
    }

    public String scrape() {
        return registry.scrape();
    }
}
