package nowcast.sink.store;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import nowcast.forecast.Forecast;
import nowcast.products.ForecastProducts;

/**
 * Where forecasts are kept as plain files (layout {@code <source>/<yyyy>/<mm>/<dd>/<base time>/}, see
 * {@link ForecastKey}). Writing is atomic and idempotent: a reader sees a forecast whole or not at all,
 * and writing the same forecast twice leaves the same files. Pick one with {@link ForecastStores#open}.
 */
public interface ForecastStore extends AutoCloseable {

    /** Writes a forecast with its products (accumulations, exceedance probabilities). */
    StoredForecast write(Forecast forecast, ForecastProducts products) throws IOException;

    /** Writes a forecast with the products made from it by the shipped rules. */
    default StoredForecast write(Forecast forecast) throws IOException {
        return write(forecast, ForecastProducts.of(forecast.frames(), forecast.leadTimes()));
    }

    /** Source ids with at least one complete forecast, sorted. */
    List<String> sources() throws IOException;

    /** Base times of the complete forecasts of a source, oldest first. */
    List<Instant> baseTimes(String sourceId) throws IOException;

    /** A file of a complete forecast; empty when there is no such forecast or file. */
    Optional<byte[]> read(ForecastKey key, String fileName) throws IOException;

    /** Removes forecasts written before {@code cutoff}; returns how many. */
    int deleteWrittenBefore(Instant cutoff) throws IOException;

    /** Where the store is, for logs and the health page. */
    String describe();

    @Override
    default void close() throws IOException {
    }
}
