package nowcast.sink.alerts;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;

import nowcast.forecast.Forecast;
import nowcast.products.ForecastProducts;

/**
 * Area alerts as the sink runs them: rules made and deleted through the API (kept in the rules
 * topic), each forecast checked by the {@link AlertEngine}, and each alert published, pushed to the
 * dashboard and posted to the rule's webhook. The recent alerts are kept for the API.
 */
public final class Alerting implements AutoCloseable {

    /** Where rules are kept: the rules topic, in the sink. */
    public interface RuleStore {
        void put(AlertRule rule);

        void delete(String id);
    }

    private static final int RECENT = 100;

    private final RuleBook book;
    private final RuleRequests requests;
    private final RuleStore store;
    private final AlertEngine engine;
    private final WebhookDispatcher webhooks;
    private final Deque<Alert> recent = new ArrayDeque<>();

    /**
     * {@code published} hears each alert first (the alerts topic, the SSE stream); then the webhook
     * gets it.
     */
    public Alerting(RuleBook book, RuleRequests requests, RuleStore store, AlertEngine.Factory engines,
                    WebhookDispatcher webhooks, Consumer<Alert> published) {
        this.book = book;
        this.requests = requests;
        this.store = store;
        this.webhooks = webhooks;
        this.engine = engines.create(a -> {
            published.accept(a);
            synchronized (recent) {
                recent.addFirst(a);
                while (recent.size() > RECENT) {
                    recent.removeLast();
                }
            }
            book.get(a.ruleId()).ifPresent(rule -> webhooks.submit(rule, a));
        });
    }

    public AlertEngine engine() {
        return engine;
    }

    /** Validates and stores a new rule; IllegalArgumentException with the reason when it is not valid. */
    public AlertRule create(JsonNode body) {
        AlertRule rule = requests.parse(body);
        store.put(rule);
        return rule;
    }

    /** Deletes a rule; false when there is none with that id. */
    public boolean delete(String id) {
        if (book.get(id).isEmpty()) {
            return false;
        }
        store.delete(id);
        return true;
    }

    public List<AlertRule> rules() {
        return book.all();
    }

    public Optional<AlertRule> rule(String id) {
        return book.get(id);
    }

    public List<Alert> active() {
        return engine.active();
    }

    public List<Alert> recent() {
        synchronized (recent) {
            return new ArrayList<>(recent);
        }
    }

    /** Checks a stored forecast against the rules of its source (the consumer thread calls it). */
    public void onForecast(Forecast f, ForecastProducts products) {
        engine.onForecast(f, products);
    }

    public WebhookDispatcher webhooks() {
        return webhooks;
    }

    @Override
    public void close() {
        webhooks.close();
    }
}
