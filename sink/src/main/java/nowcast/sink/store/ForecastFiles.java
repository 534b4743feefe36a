package nowcast.sink.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;

import nowcast.forecast.Forecast;
import nowcast.products.Accumulation;
import nowcast.products.Exceedance;
import nowcast.products.ForecastProducts;
import nowcast.sink.SinkJson;

/**
 * Turns a forecast into the files of its folder: {@code forecast.npy} (physical values stacked by
 * lead), {@code lead-NN.png} (display images) and {@code forecast.json} (all metadata). The bytes
 * depend only on the forecast, so writing the same forecast twice gives the same files.
 */
public final class ForecastFiles {

    public static final String FORMAT = "nowcast-forecast/1";

    private ForecastFiles() {
    }

    /**
     * The forecast's files and those of its products, file name to content, metadata last (stores that
     * cannot rename use it as the commit marker).
     */
    public static Map<String, byte[]> render(Forecast forecast, ForecastProducts products) {
        if (forecast.frames().isEmpty()) {
            throw new IllegalArgumentException("forecast for " + forecast.sourceId() + " at " + forecast.baseTime()
                    + " has no frames");
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(ForecastFileName.ARRAY, NpyWriter.stack(forecast.frames()));
        for (int i = 0; i < forecast.frames().size(); i++) {
            files.put(ForecastFileName.leadPng(i + 1), PngRenderer.render(forecast.frames().get(i)));
        }
        for (Accumulation a : products.accumulations()) {
            files.put(ForecastFileName.accumulation(a.minutes(), "npy"), NpyWriter.array(new long[] {
                a.millimetres().rows(), a.millimetres().cols()}, List.of(a.millimetres().values())));
            files.put(ForecastFileName.accumulation(a.minutes(), "png"), PngRenderer.render(a.millimetres()));
        }
        Exceedance ex = products.exceedance();
        if (ex != null) {
            List<float[]> parts = new ArrayList<>();
            for (int t = 0; t < ex.thresholds().size(); t++) {
                for (int k = 0; k < ex.leadTimes().size(); k++) {
                    parts.add(ex.probability(t, k));
                    files.put(ForecastFileName.exceedancePng(t + 1, k + 1),
                            PngRenderer.render(ex.field(t, k), ColourScales.PROBABILITY));
                }
            }
            files.put(ForecastFileName.EXCEEDANCE, NpyWriter.array(new long[] {ex.thresholds().size(),
                ex.leadTimes().size(), ex.rows(), ex.cols()}, parts));
        }
        files.put(ForecastFileName.METADATA, metadata(forecast, products));
        return files;
    }

    static byte[] metadata(Forecast f, ForecastProducts products) {
        try {
            return SinkJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(ForecastMetadata.of(f, products));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("metadata of " + f.sourceId() + " at " + f.baseTime()
                    + " could not be written as JSON", e);
        }
    }
}
