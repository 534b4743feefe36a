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

/**
 * What the sink does with each record, independent of where records come from and of who shows the
 * results: a forecast is stored with its products and queued for verification; a frame completes
 * verifications; scores go to the rolling aggregates and the scores topic. Everything it does is
 * reported to one {@link SinkListener} (the dashboard, the products topic, the alerts). One thread
 * calls it (the consumer loop).
 */
public final class SinkPipeline {

    private static final Logger LOG = LoggerFactory.getLogger(SinkPipeline.class);

    private final ForecastStore store;
    private final Verifier verifier;
    private final RollingScores rolling;
    private final SinkHealth health;
    private final Consumer<LeadScore> scoreSink;
    private final SinkListener listener;

    public SinkPipeline(ForecastStore store, Verifier verifier, RollingScores rolling, SinkHealth health,
                        Consumer<LeadScore> scoreSink, SinkListener listener) {
        this.store = store;
        this.verifier = verifier;
        this.rolling = rolling;
        this.health = health;
        this.scoreSink = scoreSink;
        this.listener = listener;
    }

    /**
     * Makes the forecast's products and stores both (throws when the store fails, so the caller does not
     * commit past it), then reports and verifies them.
     */
    public StoredForecast onForecast(Forecast forecast) throws IOException {
        ForecastProducts products = ForecastProducts.of(forecast.frames(), forecast.leadTimes());
        StoredForecast stored = store.write(forecast, products);
        health.forecastStored(forecast.timings() == null ? Double.NaN : forecast.timings().endToEndMillis(),
                forecast.createdAt());
        listener.forecastStored(forecast, products);
        scored(forecast.sourceId(), verifier.onForecast(forecast, products.exceedance()));
        return stored;
    }

    public void onFrame(Frame frame) {
        health.frameReceived();
        listener.frameReceived(frame);
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
        listener.scored(sourceId, rolling.aggregates(sourceId));
    }

    public int pendingVerifications() {
        return verifier.pendingForecasts();
    }
}
