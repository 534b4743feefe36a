package nowcast.sink.verify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import nowcast.forecast.Forecast;
import nowcast.frame.BlockAverage;
import nowcast.frame.Frame;
import nowcast.frame.GridMapping;
import nowcast.frame.PhysicalField;
import nowcast.products.Exceedance;
import nowcast.products.ProbabilityScores;
import nowcast.scoring.FieldScore;
import nowcast.scoring.ScoringRules;

/**
 * Online verification: joins forecasts with the observations valid at their lead times, in whatever
 * order the two arrive. Observed frames are kept per source for {@code frameRetention} (event time,
 * relative to the newest frame of the source) so that a forecast arriving after its observations (a
 * fast replay) is still scored; a forecast waits until every lead is scored or its last valid time is
 * older than the retention. Observations are mapped to the forecast grid with the forecast's
 * {@link GridMapping}; persistence is the observation at base time. Not thread-safe: one caller.
 */
public final class Verifier {

    private static final Logger LOG = LoggerFactory.getLogger(Verifier.class);

    private final Duration frameRetention;
    private final int maxFramesPerSource;
    private final int maxPendingPerSource;
    private final Clock clock;
    private final Map<String, NavigableMap<Instant, Frame>> frames = new HashMap<>();
    private final Map<String, List<Pending>> pending = new HashMap<>();

    public Verifier(Duration frameRetention, int maxFramesPerSource, int maxPendingPerSource, Clock clock) {
        if (frameRetention.isNegative() || frameRetention.isZero()) {
            throw new IllegalArgumentException("frame retention must be positive, got " + frameRetention);
        }
        this.frameRetention = frameRetention;
        this.maxFramesPerSource = maxFramesPerSource;
        this.maxPendingPerSource = maxPendingPerSource;
        this.clock = clock;
    }

    public static Verifier withDefaults() {
        return new Verifier(Duration.ofHours(2), 32, 32, Clock.systemUTC());
    }

    /** A forecast still missing observations for some leads. */
    private static final class Pending {
        final Forecast forecast;
        final Exceedance exceedance;
        final boolean[] scored;
        PhysicalField persistence;

        Pending(Forecast forecast, Exceedance exceedance) {
            this.forecast = forecast;
            this.exceedance = exceedance;
            this.scored = new boolean[forecast.leadTimes().size()];
        }

        boolean done() {
            for (boolean s : scored) {
                if (!s) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Registers a forecast and scores the leads whose observation is already known. */
    public List<LeadScore> onForecast(Forecast forecast) {
        return onForecast(forecast, null);
    }

    /** As {@link #onForecast(Forecast)}, also verifying the forecast's exceedance probabilities (may be null). */
    public List<LeadScore> onForecast(Forecast forecast, Exceedance exceedance) {
        Pending p = new Pending(forecast, exceedance);
        List<Pending> list = pending.computeIfAbsent(forecast.sourceId(), k -> new ArrayList<>());
        list.removeIf(old -> old.forecast.baseTime().equals(forecast.baseTime())
                && sameMethod(old.forecast, forecast));
        list.add(p);
        while (list.size() > maxPendingPerSource) {
            Pending dropped = list.remove(0);
            LOG.warn("source {}: more than {} forecasts wait for observations; dropping the one from {}",
                    forecast.sourceId(), maxPendingPerSource, dropped.forecast.baseTime());
        }
        List<LeadScore> out = new ArrayList<>();
        NavigableMap<Instant, Frame> known = frames.get(forecast.sourceId());
        if (known != null) {
            for (int lead = 0; lead < p.scored.length; lead++) {
                Frame obs = known.get(forecast.validTime(lead));
                if (obs != null) {
                    score(p, lead, obs, out);
                }
            }
        }
        if (p.done()) {
            list.remove(p);
        }
        return out;
    }

    /** Keeps an observation and scores the waiting forecast leads valid at its time. */
    public List<LeadScore> onFrame(Frame frame) {
        NavigableMap<Instant, Frame> known = frames.computeIfAbsent(frame.sourceId(), k -> new TreeMap<>());
        known.put(frame.time(), frame);
        Instant newest = known.lastKey();
        known.headMap(newest.minus(frameRetention), false).clear();
        while (known.size() > maxFramesPerSource) {
            known.pollFirstEntry();
        }
        List<LeadScore> out = new ArrayList<>();
        List<Pending> waiting = pending.get(frame.sourceId());
        if (waiting == null) {
            return out;
        }
        for (Iterator<Pending> it = waiting.iterator(); it.hasNext(); ) {
            Pending p = it.next();
            for (int lead = 0; lead < p.scored.length; lead++) {
                if (!p.scored[lead] && p.forecast.validTime(lead).equals(frame.time())) {
                    score(p, lead, frame, out);
                }
            }
            Instant lastValid = p.forecast.validTime(p.scored.length - 1);
            if (p.done() || lastValid.isBefore(newest.minus(frameRetention))) {
                it.remove();
            }
        }
        return out;
    }

    /** Forecasts that still wait for at least one observation, over all sources. */
    public int pendingForecasts() {
        return pending.values().stream().mapToInt(List::size).sum();
    }

    private void score(Pending p, int lead, Frame observation, List<LeadScore> out) {
        Forecast f = p.forecast;
        p.scored[lead] = true;
        PhysicalField observed = onForecastGrid(f, observation);
        if (observed == null) {
            return;
        }
        PhysicalField predicted = f.frames().get(lead);
        ScoringRules rules = ScoringRules.forQuantity(predicted.quantity());
        Instant now = clock.instant();
        String method = f.model() == null ? "model" : f.model().name();
        out.add(new LeadScore(f.sourceId(), f.baseTime(), lead + 1, f.leadTimes().get(lead), f.validTime(lead),
                method, predicted.quantity(), FieldScore.of(predicted, observed, rules), now,
                exceedanceScores(p.exceedance, lead, observed)));
        PhysicalField persistence = persistence(p);
        if (persistence != null) {
            out.add(new LeadScore(f.sourceId(), f.baseTime(), lead + 1, f.leadTimes().get(lead), f.validTime(lead),
                    LeadScore.PERSISTENCE, predicted.quantity(), FieldScore.of(persistence, observed, rules), now));
        }
    }

    private static List<ExceedanceScore> exceedanceScores(Exceedance ex, int lead, PhysicalField observed) {
        if (ex == null || lead >= ex.leadTimes().size() || ex.rows() != observed.rows() || ex.cols() != observed.cols()) {
            return List.of();
        }
        List<ExceedanceScore> out = new ArrayList<>();
        for (int t = 0; t < ex.thresholds().size(); t++) {
            ProbabilityScores s = new ProbabilityScores();
            s.add(ex.probability(t, lead), observed.values(), observed.channels(), ex.thresholds().get(t));
            out.add(new ExceedanceScore(ex.thresholds().get(t), s));
        }
        return out;
    }

    private PhysicalField persistence(Pending p) {
        if (p.persistence == null) {
            NavigableMap<Instant, Frame> known = frames.get(p.forecast.sourceId());
            Frame base = known == null ? null : known.get(p.forecast.baseTime());
            if (base == null) {
                LOG.debug("source {}: no observation at base time {}, no persistence reference",
                        p.forecast.sourceId(), p.forecast.baseTime());
                return null;
            }
            p.persistence = onForecastGrid(p.forecast, base);
        }
        return p.persistence;
    }

    private static PhysicalField onForecastGrid(Forecast f, Frame observation) {
        GridMapping m = f.gridMapping();
        PhysicalField predicted = f.frames().get(0);
        PhysicalField field = observation.field();
        if (field.quantity() != predicted.quantity()) {
            LOG.warn("source {}: observation at {} is {} but the forecast from {} is {}; not scored",
                    f.sourceId(), observation.time(), field.quantity(), f.baseTime(), predicted.quantity());
            return null;
        }
        if (m == null) {
            m = GridMapping.identity(field.rows(), field.cols());
        }
        if (field.rows() != m.sourceRows() || field.cols() != m.sourceCols()) {
            LOG.warn("source {}: observation at {} is {}x{} but the forecast from {} maps a {}x{} grid; not scored",
                    f.sourceId(), observation.time(), field.rows(), field.cols(), f.baseTime(), m.sourceRows(),
                    m.sourceCols());
            return null;
        }
        PhysicalField mapped = m.blockSize() == 1 && m.cropRows() == field.rows() && m.cropCols() == field.cols()
                ? field : BlockAverage.apply(field, m);
        if (mapped.rows() != predicted.rows() || mapped.cols() != predicted.cols()
                || mapped.channels() != predicted.channels()) {
            LOG.warn("source {}: mapped observation is {}x{} but the forecast from {} is {}x{}; not scored",
                    f.sourceId(), mapped.rows(), mapped.cols(), f.baseTime(), predicted.rows(), predicted.cols());
            return null;
        }
        return mapped;
    }

    private static boolean sameMethod(Forecast a, Forecast b) {
        String ma = a.model() == null ? null : a.model().name();
        String mb = b.model() == null ? null : b.model().name();
        return java.util.Objects.equals(ma, mb);
    }
}
