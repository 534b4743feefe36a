package nowcast.schemas.client;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;

/**
 * Where a service keeps local state that is only true of one Kafka cluster and topic:
 * {@code <service directory>/<cluster id>/<topic>/}. A replay ledger says which frames one cluster already
 * holds, and a predictor's stores mirror one cluster's changelogs; kept per cluster, a replay into a new
 * cluster publishes every frame and a predictor pointed at a new cluster starts clean, while a restart
 * against the same cluster finds its state again. The cluster id is the one Kafka assigns when a cluster's
 * storage is formatted, so a cluster rebuilt from scratch counts as new.
 */
public final class ClusterStateDirectory {

    static final String DESCRIPTION_FILE = "cluster.properties";

    private ClusterStateDirectory() {
    }

    /**
     * The id of the cluster {@code admin} talks to.
     *
     * @throws IllegalStateException when the cluster does not answer within 30 s, naming {@code bootstrap}
     */
    public static String clusterId(Admin admin, String bootstrap) throws InterruptedException {
        try {
            String id = admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS);
            if (id == null || id.isBlank()) {
                throw new IllegalStateException("the Kafka cluster at " + bootstrap + " did not report a cluster id");
            }
            return id;
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException("cannot reach the Kafka cluster at " + bootstrap + " to read its id: "
                    + cause.getMessage(), cause);
        }
    }

    /**
     * {@code <serviceDir>/<clusterId>/<topic>}, created when missing. A first use also leaves a small
     * {@value #DESCRIPTION_FILE} in the cluster's folder (bootstrap servers, date), so that a person looking
     * at the data directory knows which cluster a folder belongs to.
     */
    public static Path resolve(Path serviceDir, String clusterId, String topic, String bootstrap) {
        Path cluster = serviceDir.resolve(safe(clusterId));
        Path dir = cluster.resolve(safe(topic));
        try {
            Files.createDirectories(dir);
            Path description = cluster.resolve(DESCRIPTION_FILE);
            if (!Files.exists(description)) {
                Properties p = new Properties();
                p.setProperty("cluster.id", clusterId);
                p.setProperty("bootstrap.servers", bootstrap);
                p.setProperty("first.used", Instant.now().toString());
                try (OutputStream out = Files.newOutputStream(description)) {
                    p.store(out, "local state of nowcast for this Kafka cluster; delete the folder to forget it");
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the state directory " + dir, e);
        }
    }

    /** Cluster ids are URL-safe base64 and topic names [a-zA-Z0-9._-]; anything else is replaced, never a path. */
    static String safe(String name) {
        String s = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return s.isEmpty() || s.equals(".") || s.equals("..") ? "_" + s : s;
    }
}
