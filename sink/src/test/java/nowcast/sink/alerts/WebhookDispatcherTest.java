package nowcast.sink.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Webhook calls to a real HTTP receiver on the loopback interface. */
class WebhookDispatcherTest {

    private static final String SECRET = "a-rule-secret";

    /** What the receiver saw of one call, and whether the signature checked out. */
    record Received(String alertId, int attempt, boolean signatureValid, JsonNode body) {
    }

    private HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<String> dead = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private WebhookDispatcher dispatcher;

    /** A receiver that checks the signature the way the docs tell subscribers to, answering {@code status}. */
    private String receiver(IntSupplier status, boolean hang) throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String ts = exchange.getRequestHeaders().getFirst("X-Nowcast-Timestamp");
            String given = exchange.getRequestHeaders().getFirst("X-Nowcast-Signature");
            javax.crypto.Mac mac;
            boolean valid;
            try {
                mac = javax.crypto.Mac.getInstance("HmacSHA256");
                mac.init(new javax.crypto.spec.SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                mac.update((ts + ".").getBytes(StandardCharsets.US_ASCII));
                String expected = "sha256=" + java.util.HexFormat.of().formatHex(mac.doFinal(body));
                valid = given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                        given.getBytes(StandardCharsets.US_ASCII))
                        && Math.abs(Instant.now().getEpochSecond() - Long.parseLong(ts)) < 300;
            } catch (Exception e) {
                valid = false;
            }
            received.add(new Received(exchange.getRequestHeaders().getFirst("X-Nowcast-Alert-Id"),
                    Integer.parseInt(exchange.getRequestHeaders().getFirst("X-Nowcast-Attempt")), valid,
                    new ObjectMapper().readTree(body)));
            if (hang) {
                try {
                    release.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            exchange.sendResponseHeaders(status.getAsInt(), -1);
            exchange.close();
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    private WebhookDispatcher dispatcher(int queue, int attempts, Duration timeout, boolean allowPrivate) {
        dispatcher = new WebhookDispatcher(new WebhookDispatcher.Settings(queue, 1, attempts, Duration.ofMillis(50),
                Duration.ofSeconds(2), timeout), new WebhookPolicy(allowPrivate), (d, reason) -> dead.add(reason),
                Clock.systemUTC());
        return dispatcher;
    }

    private static AlertRule rule(String url) {
        return new AlertRule("11111111-2222-3333-4444-555555555555", "nl", new AlertArea.Domain(), 5, "mm/h", null,
                null, 30, url, SECRET, Instant.now());
    }

    private static Alert alert(int step) {
        return new Alert("11111111-2222-3333-4444-555555555555", "nl", Alert.Kind.START,
                Storms.T0.plus(Storms.CADENCE.multipliedBy(step)), "extrapolation", 5, "mm/h", null, null, 30, 20.0,
                15, 30, Instant.now());
    }

    @AfterEach
    void stop() {
        release.countDown();
        if (dispatcher != null) {
            dispatcher.close();
        }
        if (server != null) {
            server.stop(0);
        }
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    @Test
    void anAlertArrivesSignedWithTheRuleSecret() throws Exception {
        String url = receiver(() -> 204, false);
        dispatcher(10, 3, Duration.ofSeconds(5), true).submit(rule(url), alert(11));
        // the receiver sees the call before the dispatcher sees the answer
        await(() -> dispatcher.delivered() == 1);
        assertThat(received).hasSize(1);
        Received r = received.get(0);
        assertThat(r.signatureValid()).isTrue();
        assertThat(r.alertId()).isEqualTo(alert(11).alertId());
        assertThat(r.body().get("kind").asText()).isEqualTo("start");
        assertThat(r.body().get("sourceId").asText()).isEqualTo("nl");
        assertThat(dispatcher.delivered()).isEqualTo(1);
        assertThat(dead).isEmpty();
    }

    @Test
    void aFailingReceiverIsRetriedUntilItAnswers() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        String url = receiver(() -> calls.incrementAndGet() < 3 ? 503 : 200, false);
        dispatcher(10, 5, Duration.ofSeconds(5), true).submit(rule(url), alert(11));
        await(() -> dispatcher.delivered() == 1);
        assertThat(received).extracting(Received::attempt).containsExactly(1, 2, 3);
        assertThat(received).allMatch(Received::signatureValid);
        assertThat(dead).isEmpty();
    }

    @Test
    void aHangingReceiverTimesOutAndEndsInTheDeadLettersAfterTheLastAttempt() throws Exception {
        String url = receiver(() -> 200, true);
        dispatcher(10, 2, Duration.ofSeconds(1), true).submit(rule(url), alert(11));
        await(() -> !dead.isEmpty());
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0)).contains("no answer").contains("after 2 attempts");
        // on a busy machine the receiver may see a call after the caller gave up on it
        await(() -> received.size() >= 2);
        assertThat(received).extracting(Received::attempt).containsExactlyInAnyOrder(1, 2);
    }

    @Test
    void aRefusalIsNotRetried() throws Exception {
        String url = receiver(() -> 404, false);
        dispatcher(10, 5, Duration.ofSeconds(5), true).submit(rule(url), alert(11));
        await(() -> !dead.isEmpty());
        assertThat(dead.get(0)).contains("HTTP 404");
        assertThat(received).hasSize(1);
    }

    @Test
    void aFullQueueDeadLettersInsteadOfWaiting() throws Exception {
        String url = receiver(() -> 200, true);
        WebhookDispatcher d = dispatcher(1, 1, Duration.ofSeconds(10), true);
        d.submit(rule(url), alert(1));
        await(() -> received.size() == 1);
        // the one sender hangs on the first call; one call fits the queue, the rest are dead letters at once
        for (int i = 2; i <= 4; i++) {
            d.submit(rule(url), alert(i));
        }
        assertThat(dead).hasSize(2).allMatch(r -> r.contains("queue full"));
    }

    @Test
    void aPrivateTargetIsNotCalledUnlessAllowed() throws Exception {
        String url = receiver(() -> 200, false);
        dispatcher(10, 3, Duration.ofSeconds(5), false).submit(rule(url), alert(11));
        await(() -> !dead.isEmpty());
        assertThat(dead.get(0)).contains("private or local address 127.0.0.1");
        assertThat(received).isEmpty();
    }
}
