package nowcast.sink.web;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import nowcast.sink.store.ColourScale;

/**
 * A colour scale as the page draws its legend: bands from a value up, and for a continuous scale its
 * range ({@code min}, {@code max}; absent for a banded one).
 */
public record ColourScaleDocument(String name, String scale, List<ColourScale.LegendBand> bands,
                                  @JsonInclude(JsonInclude.Include.NON_NULL) Double min,
                                  @JsonInclude(JsonInclude.Include.NON_NULL) Double max) {

    static ColourScaleDocument of(ColourScale s) {
        return new ColourScaleDocument(s.name(), s.scaleName(),
                s.legend(),
                s.continuous() ? s.min() : null, s.continuous() ? s.max() : null);
    }
}
