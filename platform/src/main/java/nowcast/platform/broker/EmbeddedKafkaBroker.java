package nowcast.platform.broker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka broker in KRaft mode (broker and controller in one process) running in
 * this JVM. The data directory is formatted on first start, with a new random cluster id, and reused
 * as it is on later starts, so topics, records and the cluster id survive a restart. Replication factors and minimum ISR are 1, so that
 * consumer groups, transactions and exactly-once Streams apps work on one node. Listens on
 * 127.0.0.1 only.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

    /**
     * The cluster id every data directory got before ids were drawn per directory; such a directory keeps it
     * (it is in its {@code meta.properties}), so a demo started on it can recognise its older local state.
     */
    public static final String LEGACY_CLUSTER_ID = "bm93Y2FzdC1sb2NhbC0x0A";
    private static final String PORTS_FILE = "nowcast-ports.properties";

    /**
     * A second client listener speaking TLS on 127.0.0.1:{@code port} (0 = a free port), with the broker's
     * key pair in a PKCS12 key store; for testing clients configured for a secured cluster.
     */
    public record TlsListener(int port, Path keyStore, String password) {
    }

    private final Path dataDir;
    private final int port;
    private final int tlsPort;
    private final String clusterId;
    private final KafkaRaftServer server;
    private boolean closed;

    private EmbeddedKafkaBroker(Path dataDir, int port, int tlsPort, String clusterId, KafkaRaftServer server) {
        this.dataDir = dataDir;
        this.port = port;
        this.tlsPort = tlsPort;
        this.clusterId = clusterId;
        this.server = server;
    }

    /**
     * Starts a broker on {@code dataDir} (created and formatted when new) listening on
     * 127.0.0.1:{@code port}; port 0 picks a free port. Blocks until the broker serves requests.
     *
     * @throws IllegalStateException when the directory cannot be formatted or the broker does not start
     */
    public static EmbeddedKafkaBroker start(Path dataDir, int port) {
        return start(dataDir, port, null);
    }

    /** As {@link #start(Path, int)}, plus a TLS client listener when {@code tls} is not null. */
    public static EmbeddedKafkaBroker start(Path dataDir, int port, TlsListener tls) {
        long t0 = System.nanoTime();
        try {
            Files.createDirectories(dataDir);
            Path logs = dataDir.resolve("logs");
            int brokerPort = port == 0 ? freePort() : port;
            int controllerPort = controllerPort(dataDir);
            Properties props = serverProperties(brokerPort, controllerPort, logs);
            int tlsPort = -1;
            if (tls != null) {
                tlsPort = tls.port() == 0 ? freePort() : tls.port();
                addTlsListener(props, brokerPort, controllerPort, tlsPort, tls);
            }
            Path propsFile = dataDir.resolve("server.properties");
            try (OutputStream out = Files.newOutputStream(propsFile)) {
                props.store(out, "written by nowcast's embedded broker on every start");
            }
            String clusterId = clusterId(logs);
            format(propsFile, dataDir, clusterId);
            KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
            try {
                server.startup();
            } catch (RuntimeException e) {
                server.shutdown();
                server.awaitShutdown();
                throw new IllegalStateException("Kafka broker on " + dataDir + " (port " + brokerPort
                        + ") did not start: " + e.getMessage(), e);
            }
            LOG.info("Kafka broker on 127.0.0.1:{} (data {}) started in {} ms", brokerPort, dataDir,
                    (System.nanoTime() - t0) / 1_000_000);
            return new EmbeddedKafkaBroker(dataDir, brokerPort, tlsPort, clusterId, server);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the broker data directory " + dataDir, e);
        }
    }

    static Properties serverProperties(int brokerPort, int controllerPort, Path logs) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:"
                + controllerPort);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        p.put("log.dirs", logs.toAbsolutePath().toString());
        // One node: every replication factor and ISR minimum must be 1, or group offsets and
        // transactions (exactly-once Streams) cannot be served.
        p.put("offsets.topic.replication.factor", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("min.insync.replicas", "1");
        p.put("default.replication.factor", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        // Transactions v2: a transactional produce that adds a partition to the next transaction while the
        // coordinator still writes the previous one's commit markers gets CONCURRENT_TRANSACTIONS. The broker
        // retries that itself, for up to this long (Kafka's default is 100 ms), before answering the producer;
        // on a busy 2-core machine the first transactions of a Streams app take longer, and the producer's
        // pipelined batches behind the refused one then fail with OutOfOrderSequenceException (logged as
        // ERROR with a stack trace by this broker) until the client's retries get through. Waiting here
        // instead costs nothing when markers are quick and is bounded by the client's request timeout.
        p.put("add.partitions.to.txn.retry.backoff.max.ms", "10000");
        // Fewer internal partitions and a small cleaner buffer: faster start, less memory.
        p.put("offsets.topic.num.partitions", "4");
        p.put("transaction.state.log.num.partitions", "4");
        p.put("log.cleaner.dedupe.buffer.size", "2097152");
        p.put("num.partitions", "1");
        return p;
    }

    private static void addTlsListener(Properties p, int brokerPort, int controllerPort, int tlsPort, TlsListener tls) {
        String listeners = "PLAINTEXT://127.0.0.1:" + brokerPort + ",SSL://127.0.0.1:" + tlsPort
                + ",CONTROLLER://127.0.0.1:" + controllerPort;
        p.put("listeners", listeners);
        p.put("advertised.listeners", listeners);
        p.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT,SSL:SSL");
        p.put("listener.name.ssl.ssl.keystore.location", tls.keyStore().toAbsolutePath().toString());
        p.put("listener.name.ssl.ssl.keystore.type", "PKCS12");
        p.put("listener.name.ssl.ssl.keystore.password", tls.password());
        p.put("listener.name.ssl.ssl.key.password", tls.password());
    }

    /** The controller listens on a port chosen at the first start and kept, since the voter set is stored with it. */
    private static int controllerPort(Path dataDir) throws IOException {
        Path file = dataDir.resolve(PORTS_FILE);
        Properties ports = new Properties();
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                ports.load(in);
            }
            String stored = ports.getProperty("controller.port");
            if (stored != null) {
                return Integer.parseInt(stored.trim());
            }
        }
        int port = freePort();
        ports.setProperty("controller.port", Integer.toString(port));
        try (OutputStream out = Files.newOutputStream(file)) {
            ports.store(out, "port of the KRaft controller listener, fixed for this data directory");
        }
        return port;
    }

    /**
     * The id stored in a formatted directory, else a new random one: every new data directory is a new cluster
     * (as with {@code kafka-storage random-uuid}), so clients that keep state per cluster can tell two apart.
     */
    static String clusterId(Path logs) throws IOException {
        Path meta = logs.resolve("meta.properties");
        if (Files.exists(meta)) {
            Properties p = new Properties();
            try (InputStream in = Files.newInputStream(meta)) {
                p.load(in);
            }
            String stored = p.getProperty("cluster.id");
            if (stored != null && !stored.isBlank()) {
                return stored.trim();
            }
        }
        return Uuid.randomUuid().toString();
    }

    private static void format(Path propsFile, Path dataDir, String clusterId) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int rc;
        try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            rc = StorageTool.execute(new String[] {"format", "-t", clusterId, "-c", propsFile.toString(),
                    "--standalone", "--ignore-formatted"}, out);
        } catch (Exception e) {
            throw new IllegalStateException("cannot format the Kafka data directory " + dataDir + ": "
                    + e.getMessage(), e);
        }
        if (rc != 0) {
            throw new IllegalStateException("cannot format the Kafka data directory " + dataDir + " (exit " + rc
                    + "): " + output.toString(StandardCharsets.UTF_8).trim());
        }
        LOG.debug("storage format of {}: {}", dataDir, output.toString(StandardCharsets.UTF_8).trim());
    }

    /** A port that was free a moment ago on 127.0.0.1. */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** {@code bootstrap.servers} of the TLS listener; only when started with a {@link TlsListener}. */
    public String tlsBootstrapServers() {
        if (tlsPort < 0) {
            throw new IllegalStateException("this broker was started without a TLS listener");
        }
        return "127.0.0.1:" + tlsPort;
    }

    /** The cluster id, drawn when the data directory was formatted and kept across restarts. */
    public String clusterId() {
        return clusterId;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Stops the broker and waits for it; the data directory stays for the next start. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        long t0 = System.nanoTime();
        server.shutdown();
        server.awaitShutdown();
        LOG.info("Kafka broker on 127.0.0.1:{} stopped in {} ms", port, (System.nanoTime() - t0) / 1_000_000);
    }
}
