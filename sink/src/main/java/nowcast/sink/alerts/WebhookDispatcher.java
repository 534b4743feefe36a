package nowcast.sink.alerts;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import nowcast.sink.SinkJson;

/**
 * POSTs alerts to the rules' webhooks without ever holding up the sink: {@link #submit} only offers to
 * a bounded queue; a few sender threads make the calls with connect and request timeouts; a failed call
 * (no answer, timeout, 408, 429 or 5xx) is retried after 1, 2, 4 ... times {@code backoff}, up to
 * {@code attempts} calls in all; what still fails, what the receiver refuses (another 4xx, a redirect),
 * and what finds the queue full goes to the dead letters. Each call is signed ({@link WebhookSignature}).
 */
public final class WebhookDispatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);

    /** How calls are made; {@code senders} threads share the queue. */
    public record Settings(int queueSize, int senders, int attempts, Duration backoff, Duration connectTimeout,
                           Duration requestTimeout) {
        public Settings {
            if (queueSize < 1 || senders < 1 || attempts < 1) {
                throw new IllegalArgumentException("webhook queue, senders and attempts must be >= 1, got "
                        + queueSize + ", " + senders + ", " + attempts);
            }
        }

        public static Settings defaults() {
            return new Settings(1000, 4, 5, Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(10));
        }
    }

    /** Where a delivery ends when it cannot be made. */
    @FunctionalInterface
    public interface DeadLetters {
        void failed(Delivery delivery, String reason);
    }

    /** One alert for one webhook, and how often it was tried. */
    public record Delivery(String url, String secret, String ruleId, String alertId, byte[] body, int attempt) {
        Delivery next() {
            return new Delivery(url, secret, ruleId, alertId, body, attempt + 1);
        }
    }

    private final Settings settings;
    private final WebhookPolicy policy;
    private final DeadLetters deadLetters;
    private final Clock clock;
    private final HttpClient http;
    private final BlockingQueue<Delivery> queue;
    private final ScheduledExecutorService retries;
    private final Thread[] senders;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong dead = new AtomicLong();
    private volatile boolean closed;

    public WebhookDispatcher(Settings settings, WebhookPolicy policy, DeadLetters deadLetters, Clock clock) {
        this.settings = settings;
        this.policy = policy;
        this.deadLetters = deadLetters;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.queue = new ArrayBlockingQueue<>(settings.queueSize());
        this.retries = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "webhook-retry"));
        this.senders = new Thread[settings.senders()];
        for (int i = 0; i < senders.length; i++) {
            senders[i] = daemon(this::send, "webhook-" + i);
            senders[i].start();
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Queues an alert for a rule's webhook; never blocks (a full queue is a dead letter). */
    public void submit(AlertRule rule, Alert alert) {
        if (rule.webhook() == null) {
            return;
        }
        byte[] body = SinkJson.text(AlertDocument.of(alert)).getBytes(StandardCharsets.UTF_8);
        offer(new Delivery(rule.webhook(), rule.secret(), rule.id(), alert.alertId(), body, 1));
    }

    private void offer(Delivery d) {
        if (closed || !queue.offer(d)) {
            fail(d, closed ? "the sink stopped before the call" : "webhook queue full (" + settings.queueSize()
                    + " calls waiting)");
        }
    }

    private void send() {
        while (!closed) {
            Delivery d;
            try {
                d = queue.poll(500, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (d != null) {
                call(d);
            }
        }
    }

    private void call(Delivery d) {
        URI uri;
        try {
            uri = policy.check(d.url());
        } catch (IllegalArgumentException refused) {
            fail(d, refused.getMessage());
            return;
        }
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(settings.requestTimeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "nowcast-sink")
                .header("X-Nowcast-Alert-Id", d.alertId())
                .header("X-Nowcast-Rule", d.ruleId())
                .header("X-Nowcast-Attempt", Integer.toString(d.attempt()))
                .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                .header(WebhookSignature.HEADER, WebhookSignature.sign(d.secret(), timestamp, d.body()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(d.body())).build();
        String problem;
        boolean retry;
        try {
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status >= 200 && status < 300) {
                delivered.incrementAndGet();
                LOG.debug("alert {} delivered to {} (attempt {})", d.alertId(), d.url(), d.attempt());
                return;
            }
            problem = "the receiver answered HTTP " + status;
            retry = status == 408 || status == 429 || status >= 500;
        } catch (IOException e) {
            problem = "no answer: " + e;
            retry = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(d, "the sink stopped during the call");
            return;
        }
        if (!retry || d.attempt() >= settings.attempts()) {
            fail(d, problem + (retry ? " (after " + d.attempt() + " attempts)" : ""));
            return;
        }
        long delay = settings.backoff().toMillis() << Math.min(20, d.attempt() - 1);
        LOG.info("webhook {} for alert {}: {}; retrying in {} ms", d.url(), d.alertId(), problem, delay);
        try {
            retries.schedule(() -> offer(d.next()), delay, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException stopped) {
            fail(d, "the sink stopped before the retry");
        }
    }

    private void fail(Delivery d, String reason) {
        dead.incrementAndGet();
        LOG.warn("webhook {} for alert {} gave up: {}", d.url(), d.alertId(), reason);
        try {
            deadLetters.failed(d, reason);
        } catch (RuntimeException e) {
            LOG.warn("dead letter of alert {} not written: {}", d.alertId(), e.toString());
        }
    }

    public long delivered() {
        return delivered.get();
    }

    public long deadLettered() {
        return dead.get();
    }

    public int queued() {
        return queue.size();
    }

    @Override
    public void close() {
        closed = true;
        retries.shutdownNow();
        for (Thread t : senders) {
            t.interrupt();
        }
        for (Delivery d; (d = queue.poll()) != null; ) {
            fail(d, "the sink stopped before the call");
        }
    }
}
