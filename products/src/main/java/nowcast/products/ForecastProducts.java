package nowcast.products;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import nowcast.frame.PhysicalField;

/**
 * What every forecast comes with: rain accumulations over the next 30 and 60 minutes (for quantities
 * that carry rain) and calibrated exceedance probabilities of the quantity's thresholds at every lead
 * (for quantities that have thresholds). Computed from the forecast fields alone, so any nowcaster's
 * forecast gets them. Either part may be empty.
 */
public record ForecastProducts(List<Accumulation> accumulations, Exceedance exceedance, String calibration) {

    public ForecastProducts {
        accumulations = List.copyOf(accumulations);
    }

    public static ForecastProducts none() {
        return new ForecastProducts(List.of(), null, null);
    }

    public boolean isEmpty() {
        return accumulations.isEmpty() && exceedance == null;
    }

    /** The products of one forecast with the shipped calibration. */
    public static ForecastProducts of(List<PhysicalField> leads, List<Duration> leadTimes) {
        return of(leads, leadTimes, Shipped.CALIBRATION);
    }

    public static ForecastProducts of(List<PhysicalField> leads, List<Duration> leadTimes, Calibration calibration) {
        if (leads.isEmpty()) {
            return none();
        }
        PhysicalField first = leads.get(0);
        if (first.channels() != 1) {
            return none();
        }
        List<Accumulation> acc = new ArrayList<>();
        if (RainAmounts.supports(first.quantity())) {
            for (int minutes : Accumulation.STANDARD_MINUTES) {
                acc.add(Accumulation.of(leads, leadTimes, minutes));
            }
        }
        List<Double> thresholds = ExceedanceThresholds.forQuantity(first.quantity());
        Exceedance ex = thresholds.isEmpty() ? null
                : Exceedance.of(leads, leadTimes, thresholds, null, calibration);
        return new ForecastProducts(acc, ex, calibration.name());
    }

    /** Loaded once: the resource does not change while the JVM runs. */
    private static final class Shipped {
        static final Calibration CALIBRATION = Calibration.shipped();
    }
}
