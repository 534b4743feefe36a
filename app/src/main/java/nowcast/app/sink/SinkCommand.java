package nowcast.app.sink;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import nowcast.app.cluster.ClusterConnection;
import nowcast.app.cluster.DeadLetterAttachments;
import nowcast.app.platform.UntilStopped;
import nowcast.sink.SinkService;
import nowcast.sink.alerts.WebhookDispatcher;
import nowcast.sink.store.ForecastStore;
import nowcast.sink.store.ForecastStores;
import nowcast.sink.web.DashboardServer;

/** {@code nowcast sink}: storage, verification and the dashboard until stopped (docs/sink.md). */
@Command(name = "sink", mixinStandardHelpOptions = true,
        description = "Store forecasts, verify them against later observations and serve the dashboard.")
public final class SinkCommand implements Callable<Integer> {

    @Mixin
    ClusterConnection cluster;

    @Mixin
    DeadLetterAttachments deadLetters;

    @Option(names = "--store", defaultValue = "forecasts",
            description = "Forecast store: a folder or s3://bucket/prefix (default: ${DEFAULT-VALUE}).")
    String store;

    @Option(names = "--s3-endpoint", description = "S3-compatible endpoint URL (default: AWS; env NOWCAST_S3_ENDPOINT).")
    String s3Endpoint;

    @Option(names = "--s3-region", defaultValue = "us-east-1", description = "S3 region (default: ${DEFAULT-VALUE}).")
    String s3Region;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address the dashboard binds to (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "8080", description = "Dashboard port, 0 for any (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--token-file", description = "File holding the bearer token that protects page and API "
            + "(or env NOWCAST_SINK_TOKEN; none: open).")
    Path tokenFile;

    @Option(names = "--group", defaultValue = "nowcast-sink", description = "Consumer group (default: ${DEFAULT-VALUE}).")
    String group;

    @Option(names = "--retention", defaultValue = "P7D", description = "Keep forecasts this long after writing, ISO-8601 (default: ${DEFAULT-VALUE}).")
    Duration retention;

    @Option(names = "--rolling-window", defaultValue = "100", description = "Forecasts per lead in the rolling scores (default: ${DEFAULT-VALUE}).")
    int rollingWindow;

    @Option(names = "--webhook-allow-private", defaultValue = "false", description = "Let alert webhooks reach "
            + "loopback, private-network and link-local hosts (default: ${DEFAULT-VALUE}; refused otherwise).")
    boolean webhookAllowPrivate;

    @Option(names = "--webhook-attempts", defaultValue = "5", description = "Calls per alert webhook before it "
            + "becomes a dead letter (default: ${DEFAULT-VALUE}).")
    int webhookAttempts;

    @Option(names = "--webhook-timeout", defaultValue = "PT10S", description = "Time an alert webhook may take to "
            + "answer, ISO-8601 (default: ${DEFAULT-VALUE}).")
    Duration webhookTimeout;

    @Option(names = "--webhook-queue", defaultValue = "1000", description = "Webhook calls that may wait; more "
            + "become dead letters (default: ${DEFAULT-VALUE}).")
    int webhookQueue;

    @Override
    public Integer call() throws Exception {
        String token = tokenFile != null ? Files.readString(tokenFile, StandardCharsets.UTF_8).trim()
                : System.getenv("NOWCAST_SINK_TOKEN");
        String endpoint = s3Endpoint != null ? s3Endpoint : System.getenv("NOWCAST_S3_ENDPOINT");
        SinkService.Settings settings = new SinkService.Settings(cluster.bootstrap(), cluster.registry(), cluster.topics(),
                group, new DashboardServer.Settings(host, port, token), retention, Duration.ofMinutes(10),
                rollingWindow, cluster.overrides(), new SinkService.AlertSettings(webhookAllowPrivate,
                new WebhookDispatcher.Settings(webhookQueue, 4, webhookAttempts, Duration.ofSeconds(1),
                        Duration.ofSeconds(5), webhookTimeout)), deadLetters.bytes());
        ForecastStore forecastStore = ForecastStores.open(store, new ForecastStores.S3Settings(endpoint, s3Region, null, null));
        SinkService service;
        try {
            service = new SinkService(settings, forecastStore);
        } catch (RuntimeException e) {
            forecastStore.close();
            throw e;
        }
        // Ctrl-C closes the service, which ends run(); the hook then waits until service and store are closed
        return UntilStopped.run("sink", service::close, () -> {
            try (forecastStore; service) {
                service.run();
            }
            return 0;
        });
    }
}
