package nowcast.sink.alerts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import nowcast.forecast.Forecast;
import nowcast.frame.GeoReference;
import nowcast.frame.PhysicalField;
import nowcast.products.Accumulation;
import nowcast.products.Calibration;
import nowcast.products.Exceedance;
import nowcast.products.ExceedanceThresholds;
import nowcast.products.ForecastProducts;
import nowcast.sink.map.MapProjection;
import nowcast.sink.map.MapViews;

/**
 * Whether a rule holds for a forecast, and by how much: over the area's pixels and the leads up to
 * {@code withinMinutes}, the largest forecast value (or accumulation, or exceedance probability of the
 * rule's threshold) against the rule's threshold (or probability). Probabilities of a threshold that is
 * one of the source's standard thresholds come from the forecast's products; any other threshold gets
 * them computed the same way, with the calibration of the nearest standard threshold below it.
 */
final class RuleCheck {

    /** The outcome for one rule and forecast. */
    record Outcome(boolean holds, double maxValue, Integer firstLeadMinutes, int areaPixels) {
    }

    private record MaskKey(String ruleId, GeoReference geo, int rows, int cols) {
    }

    private final MapViews views;
    private final Calibration calibration;
    private final Map<MaskKey, BitSet> masks = new ConcurrentHashMap<>();

    RuleCheck(MapViews views, Calibration calibration) {
        this.views = views;
        this.calibration = calibration;
    }

    void forget(String ruleId) {
        masks.keySet().removeIf(k -> k.ruleId().equals(ruleId));
    }

    Outcome check(AlertRule rule, Forecast f, ForecastProducts products) {
        PhysicalField first = f.frames().get(0);
        BitSet mask = mask(rule, f.geo(), first.rows(), first.cols());
        int areaPixels = mask.cardinality();
        if (areaPixels == 0) {
            return new Outcome(false, Double.NaN, null, 0);
        }
        if (rule.accumulationMinutes() != null) {
            Accumulation acc = accumulation(rule.accumulationMinutes(), f, products);
            double max = max(acc.millimetres().values(), 1, mask);
            boolean holds = max >= rule.threshold();
            return new Outcome(holds, max, holds ? rule.accumulationMinutes() : null, areaPixels);
        }
        List<Integer> leads = leadsWithin(f.leadTimes(), rule.withinMinutes());
        double overall = Double.NEGATIVE_INFINITY;
        Integer firstLead = null;
        float[][] probabilities = rule.probability() == null ? null : probabilities(rule, f, products, leads);
        for (int j = 0; j < leads.size(); j++) {
            int k = leads.get(j);
            double max = probabilities == null ? max(f.frames().get(k).values(), first.channels(), mask)
                    : max(probabilities[j], 1, mask);
            overall = Math.max(overall, max);
            double against = probabilities == null ? rule.threshold() : rule.probability();
            if (firstLead == null && max >= against) {
                firstLead = (int) f.leadTimes().get(k).toMinutes();
            }
        }
        return new Outcome(firstLead != null, overall == Double.NEGATIVE_INFINITY ? Double.NaN : overall, firstLead,
                areaPixels);
    }

    private BitSet mask(AlertRule rule, GeoReference geo, int rows, int cols) {
        if (rule.area() instanceof AlertArea.Domain || geo == null) {
            return rule.area() instanceof AlertArea.Domain ? AreaMask.all(rows * cols) : new BitSet();
        }
        return masks.computeIfAbsent(new MaskKey(rule.id(), geo, rows, cols), k -> {
            MapProjection p = views.projection(geo, rows, cols);
            return AreaMask.of(rule.area(), p, views.pixelCentres(geo, rows, cols));
        });
    }

    private static Accumulation accumulation(int minutes, Forecast f, ForecastProducts products) {
        for (Accumulation a : products.accumulations()) {
            if (a.minutes() == minutes) {
                return a;
            }
        }
        return Accumulation.of(f.frames(), f.leadTimes(), minutes);
    }

    private float[][] probabilities(AlertRule rule, Forecast f, ForecastProducts products, List<Integer> leads) {
        Exceedance ex = products.exceedance();
        float[][] out = new float[leads.size()][];
        int standard = ex == null ? -1 : ex.thresholds().indexOf(rule.threshold());
        if (standard >= 0) {
            for (int j = 0; j < leads.size(); j++) {
                out[j] = ex.probability(standard, leads.get(j));
            }
            return out;
        }
        List<PhysicalField> fields = new ArrayList<>();
        List<Duration> times = new ArrayList<>();
        for (int k : leads) {
            fields.add(f.frames().get(k));
            times.add(f.leadTimes().get(k));
        }
        if (fields.isEmpty()) {
            return out;
        }
        int rank = ExceedanceThresholds.rankOf(fields.get(0).quantity(), rule.threshold());
        Exceedance own = Exceedance.of(fields, times, List.of(rule.threshold()), new int[] {rank}, calibration);
        for (int j = 0; j < leads.size(); j++) {
            out[j] = own.probability(0, j);
        }
        return out;
    }

    private static List<Integer> leadsWithin(List<Duration> leadTimes, int minutes) {
        List<Integer> out = new ArrayList<>();
        for (int k = 0; k < leadTimes.size(); k++) {
            if (leadTimes.get(k).compareTo(Duration.ofMinutes(minutes)) <= 0) {
                out.add(k);
            }
        }
        return out;
    }

    private static double max(float[] values, int channels, BitSet mask) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = mask.nextSetBit(0); i >= 0; i = mask.nextSetBit(i + 1)) {
            float v = values[i * channels];
            if (!Float.isNaN(v) && v > max) {
                max = v;
            }
        }
        return max == Double.NEGATIVE_INFINITY ? Double.NaN : max;
    }
}
