package nowcast.sink.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import nowcast.forecast.Forecast;
import nowcast.frame.Frame;
import nowcast.frame.GridMapping;
import nowcast.frame.PhysicalField;
import nowcast.frame.Quantisation;
import nowcast.frame.Quantity;
import nowcast.scoring.Contingency;
import nowcast.scoring.FieldScore;
import nowcast.scoring.ScoringRules;
import nowcast.sink.Fixtures;

class VerifierTest {

    private final Verifier verifier = new Verifier(Duration.ofHours(3), 64, 16, Clock.systemUTC());

    @Test
    void scoresEachLeadWhenItsObservationArrivesAgainstPersistence() {
        for (int step = 0; step <= 9; step++) {
            assertThat(verifier.onFrame(Fixtures.frame("a", step, 24, 24))).isEmpty();
        }
        // The forecast extrapolates the cell exactly: the model is perfect, persistence is not.
        Forecast f = Fixtures.forecast("a", 9, 24, 24, 1, "gs2pm");
        assertThat(verifier.onForecast(f)).isEmpty();
        assertThat(verifier.pendingForecasts()).isEqualTo(1);

        List<LeadScore> lead1 = verifier.onFrame(Fixtures.frame("a", 10, 24, 24));
        assertThat(lead1).extracting(LeadScore::method).containsExactly("gs2pm", LeadScore.PERSISTENCE);
        LeadScore model = lead1.get(0);
        LeadScore persistence = lead1.get(1);
        assertThat(model.leadIndex()).isEqualTo(1);
        assertThat(model.lead()).isEqualTo(Duration.ofMinutes(5));
        assertThat(model.validTime()).isEqualTo(Fixtures.T0.plus(Duration.ofMinutes(50)));
        assertThat(model.score().mse()).isZero();
        assertThat(persistence.score().mse()).isPositive();
        // Persistence is the observation at base time: scoring it directly gives the same numbers.
        FieldScore direct = FieldScore.of(Fixtures.frame("a", 9, 24, 24).field(),
                Fixtures.frame("a", 10, 24, 24).field(), ScoringRules.forQuantity(Quantity.RAIN_RATE));
        assertThat(persistence.score().mse()).isCloseTo(direct.mse(), within(1e-12));
        assertThat(persistence.score().validPixels()).isEqualTo(24 * 23);

        // Another source's frames never verify this forecast.
        assertThat(verifier.onFrame(Fixtures.frame("b", 11, 24, 24))).isEmpty();
        List<LeadScore> rest = new ArrayList<>();
        for (int step = 11; step <= 19; step++) {
            rest.addAll(verifier.onFrame(Fixtures.frame("a", step, 24, 24)));
        }
        assertThat(rest).hasSize(18);
        assertThat(verifier.pendingForecasts()).isZero();
    }

    @Test
    void aForecastArrivingAfterItsObservationsIsScoredAtOnce() {
        for (int step = 0; step <= 14; step++) {
            verifier.onFrame(Fixtures.frame("a", step, 16, 16));
        }
        List<LeadScore> scores = verifier.onForecast(Fixtures.forecast("a", 9, 16, 16, 1, "gs2pm"));
        assertThat(scores).hasSize(10);
        assertThat(scores).extracting(LeadScore::leadIndex).containsOnly(1, 2, 3, 4, 5);
        assertThat(verifier.pendingForecasts()).isEqualTo(1);
    }

    @Test
    void observationsAreMappedToTheForecastGridWithItsMapping() {
        // Native 8x8 frames at 2x the resolution; the forecast grid is the central 4x4 crop averaged 2x2 -> 2x2.
        GridMapping mapping = GridMapping.crop(8, 8, 2, 2, 2, 2, 2, Quantity.RAIN_RATE);
        float[] nativeValues = new float[64];
        for (int i = 0; i < 64; i++) {
            nativeValues[i] = i % 8 * 10;
        }
        Frame base = new Frame("m", Fixtures.T0, Fixtures.CADENCE, "p",
                PhysicalField.single(Quantity.RAIN_RATE, 8, 8, nativeValues), Quantisation.float32(), null, null, null);
        Frame next = new Frame("m", Fixtures.T0.plus(Fixtures.CADENCE), Fixtures.CADENCE, "p",
                PhysicalField.single(Quantity.RAIN_RATE, 8, 8, nativeValues), Quantisation.float32(), null, null, null);
        // Columns 2,3 average to 25 and 4,5 to 45 mm/h: a forecast with exactly those values is perfect.
        PhysicalField predicted = PhysicalField.single(Quantity.RAIN_RATE, 2, 2, new float[] {25, 45, 25, 45});
        Forecast f = new Forecast("m", Fixtures.T0, List.of(Fixtures.T0), List.of(), List.of(Fixtures.CADENCE), "p",
                List.of(predicted), Quantisation.float32(), mapping, null, null, null, null);
        verifier.onFrame(base);
        verifier.onForecast(f);
        List<LeadScore> scores = verifier.onFrame(next);
        assertThat(scores).hasSize(2);
        assertThat(scores.get(0).method()).isEqualTo("model");
        assertThat(scores.get(0).score().validPixels()).isEqualTo(4);
        assertThat(scores.get(0).score().mse()).isZero();
    }

    @Test
    void rollingAggregatesSumContingencyBeforeTakingRatios() {
        RollingScores rolling = new RollingScores(2);
        LeadScore a = score(0.1, new Contingency(1, 1, 0, 0));
        LeadScore b = score(0.3, new Contingency(1, 0, 3, 0));
        LeadScore c = score(0.5, new Contingency(1, 1, 1, 0));
        rolling.add(a);
        rolling.add(b);
        rolling.add(c);
        LeadAggregate agg = rolling.aggregates("s").get(0);
        assertThat(agg.count()).isEqualTo(2);
        assertThat(agg.mse()).isCloseTo(0.4, within(1e-12));
        // Over b and c: H=1, M=4 -> CSI 1/5 (the mean of per-forecast CSIs would be 0.25).
        assertThat(agg.categories().get(0).csi()).isCloseTo(0.2, within(1e-12));
    }

    private static LeadScore score(double mse, Contingency t) {
        return new LeadScore("s", Fixtures.T0, 1, Fixtures.CADENCE, Fixtures.T0.plus(Fixtures.CADENCE), "gs2pm",
                Quantity.RAIN_RATE, new FieldScore(10, mse, mse, List.of(t)), Fixtures.T0);
    }
}
