package nowcast.predictor;

import org.apache.kafka.common.serialization.Serde;

import nowcast.avro.DeadLetter;
import nowcast.forecast.Forecast;
import nowcast.frame.Frame;

/** The wire formats the predictor reads and writes; in production the Confluent-framed Avro serdes. */
public record PredictorSerdes(Serde<Frame> frames, Serde<Forecast> forecasts, Serde<DeadLetter> deadLetters) {
}
