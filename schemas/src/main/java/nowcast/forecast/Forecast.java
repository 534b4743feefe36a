package nowcast.forecast;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import nowcast.frame.GeoReference;
import nowcast.frame.GridMapping;
import nowcast.frame.PhysicalField;
import nowcast.frame.Quantisation;

/**
 * Predicted fields of one source from one base time, inside the JVM; the Avro
 * {@code nowcast.avro.Forecast} is its wire form. {@code frames.get(i)} is valid at
 * {@code baseTime + leadTimes.get(i)}. {@code geo} may be null.
 */
public record Forecast(String sourceId, Instant baseTime, List<Instant> inputTimes, List<Instant> interpolatedInputs,
                       List<Duration> leadTimes, String product, List<PhysicalField> frames, Quantisation quantisation,
                       GridMapping gridMapping, GeoReference geo, ModelIdentity model, Timings timings,
                       Instant createdAt) {

    public Forecast {
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(baseTime, "baseTime");
        inputTimes = List.copyOf(inputTimes);
        interpolatedInputs = interpolatedInputs == null ? List.of() : List.copyOf(interpolatedInputs);
        leadTimes = List.copyOf(leadTimes);
        frames = List.copyOf(frames);
        if (frames.size() != leadTimes.size()) {
            throw new IllegalArgumentException("forecast for " + sourceId + " at " + baseTime + " has "
                    + frames.size() + " frames but " + leadTimes.size() + " lead times");
        }
    }

    public Instant validTime(int lead) {
        return baseTime.plus(leadTimes.get(lead));
    }
}
