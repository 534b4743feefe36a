package nowcast.sink.alerts;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The rules this sink knows, by id: filled from the rules topic, changed by the API. Thread-safe. */
public final class RuleBook {

    private final Map<String, AlertRule> rules = new ConcurrentHashMap<>();

    public void put(AlertRule rule) {
        rules.put(rule.id(), rule);
    }

    public void remove(String id) {
        rules.remove(id);
    }

    public Optional<AlertRule> get(String id) {
        return Optional.ofNullable(rules.get(id));
    }

    /** All rules, oldest first. */
    public List<AlertRule> all() {
        return rules.values().stream().sorted(Comparator.comparing(AlertRule::createdAt).thenComparing(AlertRule::id))
                .toList();
    }

    public List<AlertRule> ofSource(String sourceId) {
        return all().stream().filter(r -> r.sourceId().equals(sourceId)).toList();
    }
}
