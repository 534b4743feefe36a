package nowcast.frame;

/**
 * Physical quantity of a field, with its one fixed unit. Mirrors the Avro enum
 * {@code nowcast.avro.Quantity}; the unit never travels separately from the values.
 */
public enum Quantity {
    REFLECTIVITY("dBZ"),
    RAIN_RATE("mm/h"),
    ACCUMULATION("mm"),
    VIL("kg/m2"),
    VISIBLE("1"),
    GREY_LEVEL("1");

    private final String unit;

    Quantity(String unit) {
        this.unit = unit;
    }

    public String unit() {
        return unit;
    }
}
