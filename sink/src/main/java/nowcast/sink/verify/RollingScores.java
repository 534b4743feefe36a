package nowcast.sink.verify;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import nowcast.products.ProbabilityScores;
import nowcast.scoring.Contingency;

/**
 * Per source, method and lead: the last {@code window} lead scores and their aggregate. Thread-safe:
 * the verifier adds, web requests read.
 */
public final class RollingScores {

    private final int window;
    private final Map<String, Map<Key, Deque<LeadScore>>> bySource = new ConcurrentHashMap<>();

    private record Key(String method, int leadIndex) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = method.compareTo(o.method);
            return c != 0 ? c : Integer.compare(leadIndex, o.leadIndex);
        }
    }

    public RollingScores(int window) {
        if (window < 1) {
            throw new IllegalArgumentException("rolling score window must be >= 1, got " + window);
        }
        this.window = window;
    }

    public void add(LeadScore score) {
        if (score.score().validPixels() == 0) {
            return;
        }
        Map<Key, Deque<LeadScore>> source = bySource.computeIfAbsent(score.sourceId(), k -> new TreeMap<>());
        synchronized (source) {
            Deque<LeadScore> q = source.computeIfAbsent(new Key(score.method(), score.leadIndex()),
                    k -> new ArrayDeque<>());
            q.addLast(score);
            while (q.size() > window) {
                q.removeFirst();
            }
        }
    }

    /** Aggregates of a source, by method then lead; empty when nothing was scored. */
    public List<LeadAggregate> aggregates(String sourceId) {
        Map<Key, Deque<LeadScore>> source = bySource.get(sourceId);
        List<LeadAggregate> out = new ArrayList<>();
        if (source == null) {
            return out;
        }
        synchronized (source) {
            source.forEach((key, scores) -> out.add(aggregate(key, scores)));
        }
        return out;
    }

    private static LeadAggregate aggregate(Key key, Deque<LeadScore> scores) {
        double mse = 0;
        double mae = 0;
        List<Contingency> sums = null;
        List<ExceedanceScore> exceedance = new ArrayList<>();
        Duration lead = null;
        for (LeadScore s : scores) {
            for (int i = 0; i < s.exceedance().size(); i++) {
                ExceedanceScore e = s.exceedance().get(i);
                if (i < exceedance.size()) {
                    exceedance.set(i, exceedance.get(i).plus(e));
                } else {
                    exceedance.add(e.plus(new ExceedanceScore(e.threshold(), new ProbabilityScores())));
                }
            }
            lead = s.lead();
            mse += s.score().mse();
            mae += s.score().mae();
            if (sums == null) {
                sums = new ArrayList<>(s.score().categories());
            } else {
                for (int i = 0; i < sums.size() && i < s.score().categories().size(); i++) {
                    sums.set(i, sums.get(i).plus(s.score().categories().get(i)));
                }
            }
        }
        int n = scores.size();
        return new LeadAggregate(key.method(), key.leadIndex(), lead, n, mse / n, mae / n,
                sums == null ? List.of() : sums, exceedance);
    }
}
