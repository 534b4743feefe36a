package nowcast.schemas.serde;

import nowcast.forecast.Forecast;
import nowcast.schemas.convert.ForecastConverter;
import nowcast.schemas.registry.SchemaRegistryClient;

/** {@link Forecast} values as {@code nowcast.avro.Forecast} in the Confluent wire format. */
public class ForecastSerde extends ConvertingSerde<Forecast, nowcast.avro.Forecast> {

    /** For {@code default.value.serde}; configured by Kafka with {@code schema.registry.url}. */
    public ForecastSerde() {
        super(nowcast.avro.Forecast.class, ForecastConverter::toAvro, ForecastConverter::fromAvro);
    }

    public ForecastSerde(SchemaRegistryClient client) {
        super(nowcast.avro.Forecast.class, client, false, ForecastConverter::toAvro, ForecastConverter::fromAvro);
    }
}
