package nowcast.frame;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One observed field of one source at one time, inside the JVM. The Avro {@code nowcast.avro.Frame}
 * is its wire form. {@code quantisation} says how the field is (or was) quantised on the wire;
 * {@code geo} and {@code sourcePath} may be null.
 */
public record Frame(String sourceId, Instant time, Duration cadence, String product, PhysicalField field,
                    Quantisation quantisation, GeoReference geo, String sourcePath, Map<String, String> attributes) {

    public Frame {
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(cadence, "cadence");
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(quantisation, "quantisation");
        if (cadence.isNegative() || cadence.isZero()) {
            throw new IllegalArgumentException("cadence of source " + sourceId + " must be positive, got " + cadence);
        }
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    public Quantity quantity() {
        return field.quantity();
    }
}
