package nowcast.predictor.metrics;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.streams.KafkaStreams;

import nowcast.forecast.ModelIdentity;

/**
 * Serves {@code GET /metrics} (Prometheus text format: the predictor's meters and the Kafka Streams,
 * consumer and producer metrics) and {@code GET /health} ({@code 200} while Streams is RUNNING or
 * REBALANCING, {@code 503} otherwise, with the state, the nowcaster and the device it runs on in a
 * small JSON body). Binds to 127.0.0.1 unless told otherwise.
 */
public final class HealthServer implements AutoCloseable {

    private final HttpServer server;

    private HealthServer(HttpServer server) {
        this.server = server;
    }

    /** {@code /metrics} and {@code /health}, the latter naming the nowcaster and its device ({@code model}, {@code device}). */
    public static HealthServer start(String host, int port, PrometheusMeterRegistry registry,
                                     Supplier<KafkaStreams.State> state, Supplier<ModelIdentity> model)
            throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
        server.createContext("/metrics", exchange -> reply(exchange, 200, "text/plain; version=0.0.4; charset=utf-8",
                registry.scrape()));
        server.createContext("/health", exchange -> {
            KafkaStreams.State s = state.get();
            boolean up = s == KafkaStreams.State.RUNNING || s == KafkaStreams.State.REBALANCING;
            ModelIdentity m = model.get();
            String identity = ",\"model\":" + quoted(m.name()) + ",\"device\":" + quoted(m.device());
            reply(exchange, up ? 200 : 503, "application/json",
                    "{\"status\":\"" + (up ? "UP" : "DOWN") + "\",\"streams\":\"" + s + "\"" + identity + "}");
        });
        server.start();
        return new HealthServer(server);
    }

    /** A JSON string (or null); names and device labels hold no characters that need more than this. */
    private static String quoted(String value) {
        return value == null ? "null" : "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void reply(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
