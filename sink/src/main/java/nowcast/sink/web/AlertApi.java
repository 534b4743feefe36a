package nowcast.sink.web;

import java.io.IOException;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;

import nowcast.sink.SinkJson;
import nowcast.sink.alerts.AlertDocument;
import nowcast.sink.alerts.AlertRule;
import nowcast.sink.alerts.Alerting;
import nowcast.sink.alerts.RuleDocument;

/**
 * {@code /api/alerts/rules} (POST a rule, GET the list or one, DELETE one) and {@code /api/alerts}
 * (active and recent alerts). Bodies over 16 KiB, bodies that are not JSON and invalid rules get 400
 * with the reason; with a token, changing rules needs it like every other request.
 */
final class AlertApi {

    static final int MAX_BODY = 16 * 1024;
    private static final Pattern RULE_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final Alerting alerting;

    AlertApi(Alerting alerting) {
        this.alerting = alerting;
    }

    private Alerting alerting() {
        if (alerting == null) {
            throw new HttpResponseException(503, "area alerts are not running in this sink");
        }
        return alerting;
    }

    void create(Context ctx) {
        Alerting a = alerting();
        byte[] body = ctx.bodyAsBytes();
        if (body.length > MAX_BODY) {
            throw new HttpResponseException(400, "the rule is larger than " + MAX_BODY / 1024 + " KiB");
        }
        JsonNode json;
        try {
            json = SinkJson.MAPPER.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new HttpResponseException(400, "the body is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new HttpResponseException(400, "the body cannot be read: " + e.getMessage());
        }
        AlertRule rule = a.create(json);
        ctx.status(201).header("Location", "/api/alerts/rules/" + rule.id());
        DashboardJson.send(ctx, RuleDocument.of(rule, true));
    }

    void list(Context ctx) {
        Alerting a = alerting();
        DashboardJson.send(ctx, new RulesDocument(a.rules().stream()
                .map(r -> RuleStatus.of(r, a.engine().state(r.id()))).toList()));
    }

    void one(Context ctx) {
        Alerting a = alerting();
        String id = ruleId(ctx);
        AlertRule r = a.rule(id).orElseThrow(() -> new HttpResponseException(404, "no rule " + id));
        DashboardJson.send(ctx, RuleStatus.of(r, a.engine().state(r.id())));
    }

    void delete(Context ctx) {
        String id = ruleId(ctx);
        if (!alerting().delete(id)) {
            throw new HttpResponseException(404, "no rule " + id);
        }
        ctx.status(204);
    }

    void alerts(Context ctx) {
        Alerting a = alerting();
        DashboardJson.send(ctx, new AlertsDocument(a.active().stream().map(AlertDocument::of).toList(),
                a.recent().stream().map(AlertDocument::of).toList()));
    }

    private static String ruleId(Context ctx) {
        String id = ctx.pathParam("ruleId");
        if (!RULE_ID.matcher(id).matches()) {
            throw new HttpResponseException(400, "rule id '" + id + "' is not a rule id (a UUID)");
        }
        return id;
    }
}
