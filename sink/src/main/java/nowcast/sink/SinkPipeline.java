package nowcast.sink;

import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import nowcast.forecast.Forecast;
import nowcast.frame.Frame;
import nowcast.products.ForecastProducts;
import nowcast.sink.health.SinkHealth;
import nowcast.sink.store.ForecastStore;
import nowcast.sink.store.StoredForecast;
import nowcast.sink.verify.LeadScore;
import nowcast.sink.verify.RollingScores;
import nowcast.sink.verify.Verifier;
import nowcast.sink.web.DashboardJson;
import nowcast.sink.web.EventHub;
import nowcast.sink.web.SourceBoard;

/**
 * What the sink does with each record, independent of where records come from: a forecast is stored,
 * shown and queued for verification; a frame is shown and completes verifications; scores go to the
 * rolling aggregates, the scores topic and the dashboard. One thread calls it (the consumer loop).
 */
public final class SinkPipeline {

    private static final Logger LOG = LoggerFactory.getLogger(SinkPipeline.class);

    private final ForecastStore store;
    private final Verifier verifier;
    private final RollingScores rolling;
    private final SourceBoard board;
    private final EventHub events;
    private final SinkHealth health;
    private final Consumer<LeadScore> scoreSink;
    private final ProductsListener productsMade;

    /** Hears every stored forecast with its products (publication, alerts). */
    @FunctionalInterface
    public interface ProductsListener {
        void made(Forecast forecast, ForecastProducts products);
    }

    public SinkPipeline(ForecastStore store, Verifier verifier, RollingScores rolling, SourceBoard board,
                        EventHub events, SinkHealth health, Consumer<LeadScore> scoreSink) {
        this(store, verifier, rolling, board, events, health, scoreSink, (f, p) -> { });
    }

    public SinkPipeline(ForecastStore store, Verifier verifier, RollingScores rolling, SourceBoard board,
                        EventHub events, SinkHealth health, Consumer<LeadScore> scoreSink,
                        ProductsListener productsMade) {
        this.store = store;
        this.verifier = verifier;
        this.rolling = rolling;
        this.board = board;
        this.events = events;
        this.health = health;
        this.scoreSink = scoreSink;
        this.productsMade = productsMade;
    }

    /**
     * Makes the forecast's products and stores both (throws when the store fails, so the caller does not
     * commit past it), then shows, verifies and hands them on.
     */
    public StoredForecast onForecast(Forecast forecast) throws IOException {
        ForecastProducts products = ForecastProducts.of(forecast.frames(), forecast.leadTimes());
        StoredForecast stored = store.write(forecast, products);
        health.forecastStored(forecast.timings() == null ? Double.NaN : forecast.timings().endToEndMillis(),
                forecast.createdAt());
        board.onForecast(forecast);
        board.onProducts(forecast, products);
        events.publish("forecast", DashboardJson.text(DashboardJson.forecast(forecast)));
        productsMade.made(forecast, products);
        scored(forecast.sourceId(), verifier.onForecast(forecast, products.exceedance()));
        return stored;
    }

    public void onFrame(Frame frame) {
        health.frameReceived();
        board.onFrame(frame);
        events.publish("frame", DashboardJson.text(DashboardJson.frame(frame.sourceId(), frame.time())));
        scored(frame.sourceId(), verifier.onFrame(frame));
    }

    private void scored(String sourceId, List<LeadScore> scores) {
        if (scores.isEmpty()) {
            return;
        }
        for (LeadScore s : scores) {
            rolling.add(s);
            scoreSink.accept(s);
        }
        health.scoresEmitted(scores.size());
        LOG.debug("source {}: {} lead scores", sourceId, scores.size());
        events.publish("scores", DashboardJson.text(DashboardJson.scores(sourceId, rolling.aggregates(sourceId))));
    }

    public int pendingVerifications() {
        return verifier.pendingForecasts();
    }
}
