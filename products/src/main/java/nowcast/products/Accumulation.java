package nowcast.products;

import java.time.Duration;
import java.util.List;

import nowcast.frame.PhysicalField;
import nowcast.frame.Quantity;

/**
 * Forecast rain depth (mm) over the next {@code minutes} after the base time. Lead k describes the
 * interval from lead k-1 (the base time for k = 1) to lead k, as radar products stamp the end of their
 * accumulation. A lead interval that crosses the end of the window counts in part. When the forecast
 * ends before the window does, the rest of the window is filled with the last lead's rain;
 * {@code coveredMinutes} says how much of the window the leads themselves cover.
 */
public record Accumulation(int minutes, double coveredMinutes, PhysicalField millimetres) {

    /** The windows every forecast gets: 30 and 60 minutes. */
    public static final List<Integer> STANDARD_MINUTES = List.of(30, 60);

    public Accumulation {
        if (millimetres.quantity() != Quantity.ACCUMULATION) {
            throw new IllegalArgumentException("an accumulation holds mm, got " + millimetres.quantity());
        }
    }

    /** The accumulation over {@code minutes} of a forecast's lead fields. */
    public static Accumulation of(List<PhysicalField> leads, List<Duration> leadTimes, int minutes) {
        if (minutes <= 0) {
            throw new IllegalArgumentException("accumulation window must be positive, got " + minutes + " min");
        }
        if (leads.isEmpty() || leads.size() != leadTimes.size()) {
            throw new IllegalArgumentException("need one lead time per lead field, got " + leads.size() + " fields and "
                    + leadTimes.size() + " lead times");
        }
        PhysicalField first = leads.get(0);
        if (!RainAmounts.supports(first.quantity())) {
            throw new IllegalArgumentException(first.quantity() + " forecasts have no rain accumulation");
        }
        int pixels = first.rows() * first.cols();
        double[] sum = new double[pixels];
        double previous = 0;
        double covered = 0;
        for (int k = 0; k < leads.size() && previous < minutes; k++) {
            double end = leadTimes.get(k).toMillis() / 60_000.0;
            double interval = end - previous;
            if (interval <= 0) {
                throw new IllegalArgumentException("lead times must increase, lead " + (k + 1) + " is at " + end
                        + " min after " + previous + " min");
            }
            double part = Math.min(end, minutes) - previous;
            add(sum, leads.get(k), part, interval);
            covered += part;
            previous = end;
        }
        if (covered < minutes) {
            PhysicalField last = leads.get(leads.size() - 1);
            double interval = leads.size() == 1 ? previous
                    : previous - leadTimes.get(leads.size() - 2).toMillis() / 60_000.0;
            add(sum, last, minutes - covered, interval);
        }
        float[] values = new float[pixels];
        for (int i = 0; i < pixels; i++) {
            values[i] = (float) sum[i];
        }
        return new Accumulation(minutes, covered, PhysicalField.single(Quantity.ACCUMULATION, first.rows(),
                first.cols(), values));
    }

    private static void add(double[] sum, PhysicalField field, double minutes, double intervalMinutes) {
        for (int i = 0; i < sum.length; i++) {
            sum[i] += RainAmounts.depth(field, i, minutes, intervalMinutes);
        }
    }

    /** Whether the leads cover the whole window (no filled part). */
    public boolean complete() {
        return coveredMinutes >= minutes;
    }
}
