package nowcast.sink.web;

import java.util.ArrayList;
import java.util.List;

import nowcast.frame.Quantity;
import nowcast.products.Accumulation;
import nowcast.products.ExceedanceThresholds;
import nowcast.products.ForecastProducts;
import nowcast.products.RainAmounts;
import nowcast.sink.store.ColourScales;
import nowcast.sink.store.ForecastFileName;
import nowcast.sink.store.ForecastKey;

/**
 * URLs of a forecast's product files; which products a forecast has follows from its quantity (the
 * rules of {@link ForecastProducts}), so stored and live forecasts give the same document. A forecast
 * without exceedance products has {@code exceedance} null.
 */
public record ProductsDocument(List<AccumulationFiles> accumulations, ColourScaleDocument accumulationScale,
                               ExceedanceFiles exceedance) {

    /** The rain accumulated over {@code minutes}: array and image. */
    public record AccumulationFiles(int minutes, String unit, String arrayUrl, String imageUrl) {
    }

    /** The exceedance probabilities: one array, and an image per threshold and lead. */
    public record ExceedanceFiles(String unit, String arrayUrl, List<Threshold> thresholds,
                                  ColourScaleDocument colourScale) {
    }

    /** One threshold with its images, one per lead. */
    public record Threshold(double value, List<String> imageUrls) {
    }

    static ProductsDocument of(ForecastKey key, Quantity q, int channels, int leads) {
        List<AccumulationFiles> acc = new ArrayList<>();
        List<Double> thresholds = channels == 1 ? ExceedanceThresholds.forQuantity(q) : List.of();
        if (channels == 1 && RainAmounts.supports(q)) {
            for (int minutes : Accumulation.STANDARD_MINUTES) {
                acc.add(new AccumulationFiles(minutes, "mm",
                        DashboardJson.forecastUrl(key, ForecastFileName.accumulation(minutes, "npy")),
                        DashboardJson.forecastUrl(key, ForecastFileName.accumulation(minutes, "png"))));
            }
        }
        ColourScaleDocument accScale = ColourScaleDocument.of(ColourScales.forQuantity(Quantity.ACCUMULATION));
        if (thresholds.isEmpty()) {
            return new ProductsDocument(acc, accScale, null);
        }
        List<Threshold> th = new ArrayList<>();
        for (int t = 0; t < thresholds.size(); t++) {
            List<String> urls = new ArrayList<>();
            for (int k = 0; k < leads; k++) {
                urls.add(DashboardJson.forecastUrl(key, ForecastFileName.exceedancePng(t + 1, k + 1)));
            }
            th.add(new Threshold(thresholds.get(t), urls));
        }
        return new ProductsDocument(acc, accScale, new ExceedanceFiles(q.unit(),
                DashboardJson.forecastUrl(key, ForecastFileName.EXCEEDANCE), th,
                ColourScaleDocument.of(ColourScales.PROBABILITY)));
    }
}
