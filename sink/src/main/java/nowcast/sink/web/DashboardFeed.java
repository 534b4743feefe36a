package nowcast.sink.web;

import java.util.List;

import nowcast.sink.SinkJson;
import nowcast.forecast.Forecast;
import nowcast.frame.Frame;
import nowcast.products.ForecastProducts;
import nowcast.sink.SinkListener;
import nowcast.sink.verify.LeadAggregate;

/**
 * The dashboard's side of the sink: keeps the source board current and sends the {@code forecast},
 * {@code frame} and {@code scores} events to the page (docs/sink.md, "HTTP API").
 */
public final class DashboardFeed implements SinkListener {

    private final SourceBoard board;
    private final EventHub events;

    public DashboardFeed(SourceBoard board, EventHub events) {
        this.board = board;
        this.events = events;
    }

    @Override
    public void forecastStored(Forecast forecast, ForecastProducts products) {
        board.onForecast(forecast);
        board.onProducts(forecast, products);
        events.publish("forecast", SinkJson.text(ForecastSummary.of(forecast)));
    }

    @Override
    public void frameReceived(Frame frame) {
        board.onFrame(frame);
        events.publish("frame", SinkJson.text(new FrameEvent(frame.sourceId(), frame.time().toString())));
    }

    @Override
    public void scored(String sourceId, List<LeadAggregate> aggregates) {
        events.publish("scores", SinkJson.text(ScoresDocument.of(sourceId, aggregates)));
    }

    /** The {@code frame} event: a new observation of a source. */
    record FrameEvent(String sourceId, String time) {
    }
}
