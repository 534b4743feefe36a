package nowcast.sink.store;

import java.util.List;

/** Where a forecast was written and which files it has. */
public record StoredForecast(ForecastKey key, String location, List<String> files) {

    public StoredForecast {
        files = List.copyOf(files);
    }
}
