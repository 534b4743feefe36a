package nowcast.sink.verify;

import java.time.Duration;
import java.util.List;

import nowcast.scoring.Contingency;

/**
 * Rolling scores of one method at one lead over the last scored forecasts of a source: mean MSE and
 * MAE, and contingency counts summed before CSI/POD/FAR are taken (docs/spec/evaluation-protocol.md); the
 * exceedance-probability verification summed the same way (Brier skill against the window's own
 * observed frequency).
 */
public record LeadAggregate(String method, int leadIndex, Duration lead, int count, double mse, double mae,
                            List<Contingency> categories, List<ExceedanceScore> exceedance) {

    public LeadAggregate {
        categories = List.copyOf(categories);
        exceedance = exceedance == null ? List.of() : List.copyOf(exceedance);
    }
}
