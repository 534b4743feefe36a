package nowcast.sink.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import nowcast.forecast.Forecast;
import nowcast.frame.Frame;
import nowcast.frame.Quantity;
import nowcast.products.ForecastProducts;
import nowcast.sink.store.PngRenderer;

/**
 * What the dashboard knows about each source: latest observed frame, latest forecast, counts, and a
 * status derived from how recently forecasts arrived compared with the source's cadence.
 */
public final class SourceBoard {

    /** Status of one source as the API reports it. */
    public record SourceStatus(String sourceId, String status, String product, Quantity quantity,
                               Duration cadence, Instant lastFrameTime, Instant lastFrameReceived,
                               Instant lastForecastBaseTime, Instant lastForecastReceived, String model,
                               long frames, long forecasts) {
    }

    private static final class Entry {
        Frame latestFrame;
        Instant latestFrameReceived;
        byte[] latestFramePng;
        Forecast latestForecast;
        ForecastProducts latestProducts;
        Instant latestForecastReceived;
        long frames;
        long forecasts;
    }

    private final Clock clock;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    public SourceBoard(Clock clock) {
        this.clock = clock;
    }

    public void onFrame(Frame frame) {
        Entry e = entries.computeIfAbsent(frame.sourceId(), k -> new Entry());
        synchronized (e) {
            e.frames++;
            if (e.latestFrame == null || !frame.time().isBefore(e.latestFrame.time())) {
                e.latestFrame = frame;
                e.latestFramePng = null;
            }
            e.latestFrameReceived = clock.instant();
        }
    }

    public void onForecast(Forecast forecast) {
        Entry e = entries.computeIfAbsent(forecast.sourceId(), k -> new Entry());
        synchronized (e) {
            e.forecasts++;
            if (e.latestForecast == null || !forecast.baseTime().isBefore(e.latestForecast.baseTime())) {
                e.latestForecast = forecast;
            }
            e.latestForecastReceived = clock.instant();
        }
    }

    /** Keeps the products of the latest forecast (for point queries); older ones are ignored. */
    public void onProducts(Forecast forecast, ForecastProducts products) {
        Entry e = entries.computeIfAbsent(forecast.sourceId(), k -> new Entry());
        synchronized (e) {
            if (e.latestForecast != null && e.latestForecast.baseTime().equals(forecast.baseTime())) {
                e.latestProducts = products;
            }
        }
    }

    /** The latest forecast of a source with its products (products may be null). */
    public record Latest(Forecast forecast, ForecastProducts products) {
    }

    public Optional<Latest> latest(String sourceId) {
        Entry e = entries.get(sourceId);
        if (e == null) {
            return Optional.empty();
        }
        synchronized (e) {
            return e.latestForecast == null ? Optional.empty()
                    : Optional.of(new Latest(e.latestForecast, e.latestProducts));
        }
    }

    /** Makes a source known (e.g. found in the store at start-up) without any live data. */
    public void know(String sourceId) {
        entries.computeIfAbsent(sourceId, k -> new Entry());
    }

    public List<SourceStatus> sources() {
        List<SourceStatus> out = new ArrayList<>();
        entries.forEach((id, e) -> out.add(status(id, e)));
        out.sort((a, b) -> a.sourceId().compareTo(b.sourceId()));
        return out;
    }

    public Optional<SourceStatus> source(String sourceId) {
        Entry e = entries.get(sourceId);
        return e == null ? Optional.empty() : Optional.of(status(sourceId, e));
    }

    public Optional<Forecast> latestForecast(String sourceId) {
        Entry e = entries.get(sourceId);
        if (e == null) {
            return Optional.empty();
        }
        synchronized (e) {
            return Optional.ofNullable(e.latestForecast);
        }
    }

    public Optional<Frame> latestFrame(String sourceId) {
        Entry e = entries.get(sourceId);
        if (e == null) {
            return Optional.empty();
        }
        synchronized (e) {
            return Optional.ofNullable(e.latestFrame);
        }
    }

    /** The latest observed frame drawn with its quantity's colour scale, rendered once per frame. */
    public Optional<byte[]> latestFramePng(String sourceId) {
        Entry e = entries.get(sourceId);
        if (e == null) {
            return Optional.empty();
        }
        synchronized (e) {
            if (e.latestFrame == null) {
                return Optional.empty();
            }
            if (e.latestFramePng == null) {
                e.latestFramePng = PngRenderer.render(e.latestFrame.field());
            }
            return Optional.of(e.latestFramePng);
        }
    }

    private SourceStatus status(String id, Entry e) {
        synchronized (e) {
            Frame f = e.latestFrame;
            Forecast fc = e.latestForecast;
            Duration cadence = f != null ? f.cadence() : fc != null && fc.leadTimes().size() > 0
                    ? fc.leadTimes().get(0) : null;
            return new SourceStatus(id, statusOf(e, cadence),
                    f != null ? f.product() : fc != null ? fc.product() : null,
                    f != null ? f.quantity() : fc != null && !fc.frames().isEmpty() ? fc.frames().get(0).quantity() : null,
                    cadence, f == null ? null : f.time(), e.latestFrameReceived, fc == null ? null : fc.baseTime(),
                    e.latestForecastReceived, fc == null || fc.model() == null ? null : fc.model().name(), e.frames,
                    e.forecasts);
        }
    }

    /** live: a forecast within three cadences; waiting: frames but no recent forecast; idle: nothing recent. */
    private String statusOf(Entry e, Duration cadence) {
        Instant now = clock.instant();
        Duration fresh = cadence == null ? Duration.ofMinutes(15) : cadence.multipliedBy(3);
        if (e.latestForecastReceived != null && e.latestForecastReceived.plus(fresh).isAfter(now)) {
            return "live";
        }
        if (e.latestFrameReceived != null && e.latestFrameReceived.plus(fresh).isAfter(now)) {
            return "waiting";
        }
        return "idle";
    }
}
