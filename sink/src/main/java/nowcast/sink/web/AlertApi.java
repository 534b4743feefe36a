package nowcast.sink.web;

import java.io.IOException;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;

import nowcast.sink.alerts.Alert;
import nowcast.sink.alerts.AlertEngine;
import nowcast.sink.alerts.AlertJson;
import nowcast.sink.alerts.AlertRule;
import nowcast.sink.alerts.Alerting;

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
            json = DashboardJson.MAPPER.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new HttpResponseException(400, "the body is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new HttpResponseException(400, "the body cannot be read: " + e.getMessage());
        }
        AlertRule rule = a.create(json);
        ctx.status(201).header("Location", "/api/alerts/rules/" + rule.id());
        DashboardJson.send(ctx, AlertJson.rule(rule, true));
    }

    void list(Context ctx) {
        Alerting a = alerting();
        ObjectNode n = DashboardJson.MAPPER.createObjectNode();
        ArrayNode arr = n.putArray("rules");
        for (AlertRule r : a.rules()) {
            arr.add(withState(a, r));
        }
        DashboardJson.send(ctx, n);
    }

    void one(Context ctx) {
        Alerting a = alerting();
        String id = ruleId(ctx);
        AlertRule r = a.rule(id).orElseThrow(() -> new HttpResponseException(404, "no rule " + id));
        DashboardJson.send(ctx, withState(a, r));
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
        ObjectNode n = DashboardJson.MAPPER.createObjectNode();
        ArrayNode active = n.putArray("active");
        a.active().forEach(x -> active.add(AlertJson.alert(x)));
        ArrayNode recent = n.putArray("recent");
        a.recent().forEach(x -> recent.add(AlertJson.alert(x)));
        DashboardJson.send(ctx, n);
    }

    private static ObjectNode withState(Alerting a, AlertRule r) {
        ObjectNode n = AlertJson.rule(r, false);
        AlertEngine.State s = a.engine().state(r.id());
        Alert last = s == null ? null : s.lastChange();
        n.put("active", s != null && s.active());
        n.put("lastChange", last == null ? null : last.kind() == Alert.Kind.START ? "start" : "all-clear");
        n.put("lastChangeBaseTime", last == null ? null : last.baseTime().toString());
        n.put("lastCheckedBaseTime", s == null || s.lastChecked() == null ? null : s.lastChecked().toString());
        return n;
    }

    private static String ruleId(Context ctx) {
        String id = ctx.pathParam("ruleId");
        if (!RULE_ID.matcher(id).matches()) {
            throw new HttpResponseException(400, "rule id '" + id + "' is not a rule id (a UUID)");
        }
        return id;
    }
}
