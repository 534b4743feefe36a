package nowcast.predictor.batch;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import nowcast.forecast.Forecast;
import nowcast.forecast.Timings;
import nowcast.frame.Quantisation;
import nowcast.predictor.grid.GridRules;
import nowcast.predictor.window.PendingWindow;

/**
 * Turns a prediction into the {@link Forecast} record: lead times are whole cadences after the base time,
 * pixels travel as float32 (lossless, NaN = no data), and the grid mapping and model-grid geo-reference
 * say where the model grid lies on the source grid.
 */
final class ForecastAssembler {

    Forecast assemble(Prediction p, long nowMillis) {
        PendingWindow w = p.window();
        List<Duration> leads = new ArrayList<>(p.frames().size());
        for (int k = 1; k <= p.frames().size(); k++) {
            leads.add(Duration.ofMillis(k * w.cadenceMillis()));
        }
        Timings timings = new Timings(p.startedAtMillis() - w.readyAtMillis(), p.inferenceMillis(),
                nowMillis - w.frameTimestampMillis(), p.batchSize());
        return new Forecast(w.sourceId(), Instant.ofEpochMilli(w.baseTimeMillis()),
                w.inputTimesMillis().stream().map(Instant::ofEpochMilli).toList(),
                w.interpolatedMillis().stream().map(Instant::ofEpochMilli).toList(), leads, w.product(), p.frames(),
                Quantisation.float32(), w.mapping(), GridRules.modelGeo(p.geo(), w.mapping()), p.model(), timings,
                Instant.ofEpochMilli(nowMillis));
    }
}
