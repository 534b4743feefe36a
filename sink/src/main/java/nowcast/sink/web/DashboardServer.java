package nowcast.sink.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.SameSite;
import io.javalin.http.Cookie;

import nowcast.sink.SinkJson;
import nowcast.sink.alerts.Alerting;
import nowcast.sink.health.SinkHealth;
import nowcast.sink.map.MapViews;
import nowcast.sink.store.ForecastFileName;
import nowcast.sink.store.ForecastKey;
import nowcast.sink.store.ForecastStore;
import nowcast.sink.verify.RollingScores;

/**
 * The dashboard page and the HTTP API (docs/sink.md): sources, forecasts and their files, observed
 * frames, verification scores, health, {@code /metrics} and the {@code /api/events} SSE stream. Every
 * path parameter is checked against the store's naming rules before it reaches the store, and every
 * error is a JSON document. With a token, everything but {@code /health} needs
 * {@code Authorization: Bearer <token>} or the cookie set by opening {@code /?token=<token>}.
 */
public final class DashboardServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DashboardServer.class);
    static final String TOKEN_COOKIE = "nowcast_token";
    private static final int LISTED_FORECASTS = 100;

    /** Where and how the server listens; {@code token} null means no authentication. */
    public record Settings(String host, int port, String token) {
        public Settings {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0-65535, got " + port);
            }
            if (token != null && token.isBlank()) {
                token = null;
            }
        }

        public static Settings localhost(int port) {
            return new Settings("127.0.0.1", port, null);
        }
    }

    private final Settings settings;
    private final ForecastStore store;
    private final SourceBoard board;
    private final RollingScores scores;
    private final SinkHealth health;
    private final EventHub events;
    private final IntSupplier pendingVerifications;
    private final Javalin app;
    private final MapApi maps;
    private final AlertApi alertApi;

    public DashboardServer(Settings settings, ForecastStore store, SourceBoard board, RollingScores scores,
                           SinkHealth health, EventHub events, IntSupplier pendingVerifications) {
        this(settings, store, board, scores, health, events, pendingVerifications, new MapViews(), null);
    }

    /** With area alerts ({@code alerting} null: the alert routes answer 503). */
    public DashboardServer(Settings settings, ForecastStore store, SourceBoard board, RollingScores scores,
                           SinkHealth health, EventHub events, IntSupplier pendingVerifications, MapViews views,
                           Alerting alerting) {
        this.settings = settings;
        this.store = store;
        this.board = board;
        this.scores = scores;
        this.health = health;
        this.events = events;
        this.pendingVerifications = pendingVerifications;
        this.maps = new MapApi(board, views);
        this.alertApi = new AlertApi(alerting);
        this.app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
            cfg.routes.before(this::authenticate);
            cfg.routes.get("/", ctx -> resource(ctx, "index.html", "text/html; charset=utf-8"));
            cfg.routes.get("/app.js", ctx -> resource(ctx, "app.js", "text/javascript; charset=utf-8"));
            cfg.routes.get("/style.css", ctx -> resource(ctx, "style.css", "text/css; charset=utf-8"));
            cfg.routes.get("/health", this::health);
            cfg.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                    .result(health.scrape()));
            cfg.routes.get("/api/health", ctx -> DashboardJson.send(ctx, HealthDocument.of(health.snapshot(), events.clients(),
                    events.dropped(), pendingVerifications.getAsInt(), store.describe())));
            cfg.routes.get("/api/sources", this::sources);
            cfg.routes.get("/api/sources/{id}", ctx -> DashboardJson.send(ctx, SourceDocument.of(board.source(sourceId(ctx))
                    .orElseThrow(() -> notFound("source '" + ctx.pathParam("id") + "' is unknown")))));
            cfg.routes.get("/api/sources/{id}/forecasts", this::forecastList);
            cfg.routes.get("/api/sources/{id}/forecasts/latest", this::latestForecast);
            cfg.routes.get("/api/sources/{id}/forecasts/{baseTime}", ctx -> file(ctx, ForecastFileName.METADATA));
            cfg.routes.get("/api/sources/{id}/forecasts/{baseTime}/{file}", ctx -> file(ctx, ctx.pathParam("file")));
            cfg.routes.get("/api/sources/{id}/observed/latest", this::observed);
            cfg.routes.get("/api/sources/{id}/observed/latest.png", this::observedPng);
            cfg.routes.post("/api/alerts/rules", alertApi::create);
            cfg.routes.get("/api/alerts/rules", alertApi::list);
            cfg.routes.get("/api/alerts/rules/{ruleId}", alertApi::one);
            cfg.routes.delete("/api/alerts/rules/{ruleId}", alertApi::delete);
            cfg.routes.get("/api/alerts", alertApi::alerts);
            cfg.routes.get("/api/sources/{id}/map", ctx -> maps.map(ctx, sourceId(ctx)));
            cfg.routes.get("/api/sources/{id}/point", ctx -> maps.point(ctx, sourceId(ctx)));
            cfg.routes.get("/api/sources/{id}/scores", ctx -> {
                String id = sourceId(ctx);
                DashboardJson.send(ctx, ScoresDocument.of(id, scores.aggregates(id)));
            });
            cfg.routes.sse("/api/events", client -> {
                String hello = SinkJson.text(SourcesDocument.of(board.sources()));
                if (!events.subscribe(client, new EventHub.Event("hello", hello))) {
                    client.ctx().status(503);
                    client.close();
                }
            });
            cfg.routes.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), e.getMessage()));
            cfg.routes.exception(IllegalArgumentException.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
            cfg.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("request {} {} failed", ctx.method(), ctx.path(), e);
                error(ctx, 500, "internal error: " + e.getClass().getSimpleName());
            });
        });
    }

    public DashboardServer start() {
        // the map outlines take a moment to decode: do it now, not in the first map request
        Thread warm = new Thread(() -> nowcast.sink.map.WorldOutlines.get(), "map-outlines");
        warm.setDaemon(true);
        warm.start();
        app.start(settings.host(), settings.port());
        LOG.info("dashboard on http://{}:{}/{}", settings.host(), app.port(),
                settings.token() == null ? "" : " (bearer token required)");
        return this;
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        events.close();
        app.stop();
    }

    private void authenticate(Context ctx) {
        if (settings.token() == null || "/health".equals(ctx.path())) {
            return;
        }
        String header = ctx.header("Authorization");
        String given = header != null && header.startsWith("Bearer ") ? header.substring(7).trim() : null;
        if (given == null) {
            given = ctx.cookie(TOKEN_COOKIE);
        }
        String query = ctx.queryParam("token");
        if (given == null && query != null) {
            given = query;
        }
        if (given == null || !MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                settings.token().getBytes(StandardCharsets.UTF_8))) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"nowcast\"");
            throw new HttpResponseException(401, "a valid bearer token is required");
        }
        if (query != null) {
            // A browser cannot send headers for <img> and EventSource: the cookie carries the token on.
            Cookie cookie = new Cookie(TOKEN_COOKIE, query);
            cookie.setHttpOnly(true);
            cookie.setSameSite(SameSite.STRICT);
            cookie.setPath("/");
            ctx.cookie(cookie);
        }
    }

    private void health(Context ctx) {
        DashboardJson.send(ctx, LivenessDocument.up(store.describe()));
    }

    private void sources(Context ctx) throws IOException {
        for (String id : store.sources()) {
            board.know(id);
        }
        DashboardJson.send(ctx, SourcesDocument.of(board.sources()));
    }

    private void forecastList(Context ctx) throws IOException {
        String id = sourceId(ctx);
        List<Instant> times = store.baseTimes(id);
        List<ForecastListDocument.Entry> listed = new ArrayList<>();
        for (Instant t : times.subList(Math.max(0, times.size() - LISTED_FORECASTS), times.size())) {
            ForecastKey key = new ForecastKey(id, t);
            listed.add(new ForecastListDocument.Entry(t.toString(), key.baseTimeName(),
                    DashboardJson.forecastUrl(key, ForecastFileName.METADATA)));
        }
        DashboardJson.send(ctx, new ForecastListDocument(id, times.size(), listed));
    }

    private void latestForecast(Context ctx) throws IOException {
        String id = sourceId(ctx);
        Optional<ForecastSummary> live = board.latestForecast(id).map(ForecastSummary::of);
        if (live.isPresent()) {
            DashboardJson.send(ctx, live.get());
            return;
        }
        List<Instant> times = store.baseTimes(id);
        if (times.isEmpty()) {
            throw notFound("source '" + id + "' has no forecast yet");
        }
        ForecastKey key = new ForecastKey(id, times.get(times.size() - 1));
        byte[] meta = store.read(key, ForecastFileName.METADATA)
                .orElseThrow(() -> notFound("forecast " + key.relativeDir() + " disappeared"));
        DashboardJson.send(ctx, ForecastSummary.fromStored(key, SinkJson.MAPPER.readTree(meta)));
    }

    private void file(Context ctx, String fileName) throws IOException {
        ForecastKey key = new ForecastKey(sourceId(ctx), ForecastKey.parseBaseTime(ctx.pathParam("baseTime")));
        String name = ForecastFileName.check(fileName);
        byte[] bytes = store.read(key, name).orElseThrow(() -> notFound("no file " + name + " in forecast "
                + key.relativeDir()));
        ctx.header("Cache-Control", "max-age=3600");
        ctx.contentType(ForecastFileName.contentType(name)).result(bytes);
    }

    private void observed(Context ctx) {
        String id = sourceId(ctx);
        var frame = board.latestFrame(id).orElseThrow(() -> notFound("no observed frame of '" + id + "' yet"));
        DashboardJson.send(ctx, ObservedDocument.of(id, frame));
    }

    private void observedPng(Context ctx) {
        String id = sourceId(ctx);
        byte[] png = board.latestFramePng(id).orElseThrow(() -> notFound("no observed frame of '" + id + "' yet"));
        ctx.header("Cache-Control", "no-cache");
        ctx.contentType("image/png").result(png);
    }

    private static String sourceId(Context ctx) {
        String id = ctx.pathParam("id");
        if (!ForecastKey.isSafeSourceId(id)) {
            throw new HttpResponseException(400, "source id '" + id + "' is not 1-128 characters of [A-Za-z0-9._-]"
                    + " starting with a letter or digit");
        }
        return id;
    }

    private static HttpResponseException notFound(String message) {
        return new HttpResponseException(404, message);
    }


    private static void error(Context ctx, int status, String message) {
        ctx.status(status);
        DashboardJson.send(ctx, new ErrorDocument(status, message == null ? "error" : message));
    }

    private static void resource(Context ctx, String name, String contentType) {
        try (InputStream in = DashboardServer.class.getResourceAsStream("/nowcast/sink/web/" + name)) {
            if (in == null) {
                throw new IllegalStateException("page resource " + name + " is missing from the jar");
            }
            ctx.contentType(contentType).result(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
