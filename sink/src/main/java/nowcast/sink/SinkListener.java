package nowcast.sink;

import java.util.List;

import nowcast.forecast.Forecast;
import nowcast.frame.Frame;
import nowcast.products.ForecastProducts;
import nowcast.sink.verify.LeadAggregate;

/**
 * What the sink's core ({@link SinkPipeline}) reports, for whoever shows or passes it on: the
 * dashboard, the products topic, the alerts. Called on the consumer thread, in record order; a
 * listener that is slow holds the sink up, so listeners hand long work to their own threads.
 */
public interface SinkListener {

    /** A forecast was stored with its products. */
    default void forecastStored(Forecast forecast, ForecastProducts products) {
    }

    /** An observation arrived. */
    default void frameReceived(Frame frame) {
    }

    /** New lead scores of a source were added; {@code aggregates} are its rolling aggregates now. */
    default void scored(String sourceId, List<LeadAggregate> aggregates) {
    }

    /** Both listeners, {@code first} before {@code second}. */
    static SinkListener both(SinkListener first, SinkListener second) {
        return new SinkListener() {
            @Override
            public void forecastStored(Forecast forecast, ForecastProducts products) {
                first.forecastStored(forecast, products);
                second.forecastStored(forecast, products);
            }

            @Override
            public void frameReceived(Frame frame) {
                first.frameReceived(frame);
                second.frameReceived(frame);
            }

            @Override
            public void scored(String sourceId, List<LeadAggregate> aggregates) {
                first.scored(sourceId, aggregates);
                second.scored(sourceId, aggregates);
            }
        };
    }
}
