package nowcast.sink.web;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * {@code GET /api/sources/{id}/point}: the values of the latest forecast and observation at a place.
 * {@code lat}, {@code lon} are there when the place was asked by them; {@code forecast} and
 * {@code observed} when the source has them there. Values that are missing data are null.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PointDocument(String sourceId, Double lat, Double lon, ForecastAt forecast, ObservedAt observed) {

    /**
     * The forecast at the place: {@code inside} false and nothing more when the place is off its grid;
     * accumulations and exceedance only when the forecast has products.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ForecastAt(String baseTime, String unit, boolean inside, Integer row, Integer col,
                             List<Double> values, List<AccumulationAt> accumulations,
                             List<ExceedanceAt> exceedance) {
    }

    /** The rain accumulated over {@code minutes} at the place. */
    public record AccumulationAt(int minutes, Double mm) {
    }

    /** The probability of exceeding {@code threshold} at each lead. */
    public record ExceedanceAt(double threshold, List<Double> probabilities) {
    }

    /** The latest observation at the place (see {@link ObservedInside} for a place on its grid). */
    public interface ObservedAt {
    }

    /** The observation's grid does not reach the place. */
    public record ObservedOutside(String time, String unit, boolean inside) implements ObservedAt {
    }

    /** The observation's value at the place; null where it is missing data. */
    public record ObservedInside(String time, String unit, boolean inside, int row, int col, Double value)
            implements ObservedAt {
    }
}
