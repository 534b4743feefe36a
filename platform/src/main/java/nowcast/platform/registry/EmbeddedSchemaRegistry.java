package nowcast.platform.registry;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Schema Registry speaking the Confluent REST API (the subset real clients use), running in
 * this JVM. Schemas live in a compacted Kafka topic ({@code _schemas} by default), so ids survive
 * a restart and several instances on one cluster agree on them. Compatibility mode defaults to
 * BACKWARD. Listens on 127.0.0.1 unless another host is given.
 */
public final class EmbeddedSchemaRegistry implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSchemaRegistry.class);
    public static final String DEFAULT_TOPIC = "_schemas";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final SchemaLog log;
    private final HttpServer server;
    private final ExecutorService executor;
    private final String host;
    private boolean closed;

    private EmbeddedSchemaRegistry(SchemaLog log, HttpServer server, ExecutorService executor, String host) {
        this.log = log;
        this.server = server;
        this.executor = executor;
        this.host = host;
    }

    /** Starts on 127.0.0.1:{@code port} (0 picks a free port), storing schemas in {@code _schemas} on {@code bootstrap}. */
    public static EmbeddedSchemaRegistry start(int port, String bootstrap) {
        return start("127.0.0.1", port, bootstrap, DEFAULT_TOPIC, null);
    }

    /**
     * Starts the registry. Blocks until the schema topic has been read to its end.
     *
     * @param userInfo {@code user:password} that every request must carry as HTTP basic auth, or null for none
     * @throws IllegalStateException when Kafka cannot be reached or the port cannot be bound
     */
    public static EmbeddedSchemaRegistry start(String host, int port, String bootstrap, String topic,
                                               String userInfo) {
        return start(host, port, bootstrap, topic, userInfo, Map.of());
    }

    /**
     * As {@link #start(String, int, String, String, String)}, with extra Kafka client settings (e.g.
     * {@code security.protocol}, SASL/TLS settings) for the clients that read and write the schema topic.
     */
    public static EmbeddedSchemaRegistry start(String host, int port, String bootstrap, String topic,
                                               String userInfo, Map<String, String> kafkaClientOverrides) {
        long t0 = System.nanoTime();
        SchemaStore store = new SchemaStore(CompatibilityLevel.BACKWARD);
        SchemaLog log = new SchemaLog(bootstrap, topic, store, kafkaClientOverrides);
        try {
            log.start(TIMEOUT);
        } catch (RuntimeException e) {
            log.close();
            throw e instanceof IllegalStateException ? e
                    : new IllegalStateException("schema registry cannot read topic '" + topic + "' on " + bootstrap
                    + ": " + e.getMessage(), e);
        }
        SchemaRegistrar registrar = new SchemaRegistrar(store, log, TIMEOUT);
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 64);
        } catch (IOException e) {
            log.close();
            throw new IllegalStateException("schema registry cannot listen on " + host + ":" + port + ": " + e, e);
        }
        ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "schema-registry-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", new RegistryHttpApi(registrar, userInfo));
        server.start();
        EmbeddedSchemaRegistry registry = new EmbeddedSchemaRegistry(log, server, executor, host);
        LOG.info("schema registry on {} (topic {} on {}) started in {} ms", registry.url(), topic, bootstrap,
                (System.nanoTime() - t0) / 1_000_000);
        return registry;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Base URL for {@code schema.registry.url}. */
    public String url() {
        return "http://" + host + ":" + port();
    }

    /** Stops serving; the schemas stay in Kafka. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.stop(0);
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.close();
        LOG.info("schema registry on {} stopped", url());
    }
}
