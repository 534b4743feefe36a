package nowcast.sink.alerts;

import java.time.Instant;
import java.util.Objects;

/**
 * A subscriber's rule: on forecasts of {@code sourceId}, inside {@code area}, within the leads up to
 * {@code withinMinutes}, does the forecast value reach {@code threshold} (or the rain accumulation over
 * the next {@code accumulationMinutes} when set), or with {@code probability}: does the exceedance
 * probability of the threshold reach it? {@code secret} signs its webhook calls.
 */
public record AlertRule(String id, String sourceId, AlertArea area, double threshold, String unit,
                        Double probability, Integer accumulationMinutes, int withinMinutes, String webhook,
                        String secret, Instant createdAt) {

    public AlertRule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(area, "area");
        Objects.requireNonNull(secret, "secret");
    }
}
