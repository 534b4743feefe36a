package nowcast.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import nowcast.avro.VerificationScore;
import nowcast.forecast.Forecast;
import nowcast.forecast.ModelIdentity;
import nowcast.forecast.Timings;
import nowcast.frame.Frame;
import nowcast.frame.GridMapping;
import nowcast.frame.PhysicalField;
import nowcast.frame.Quantisation;
import nowcast.frame.Quantity;
import nowcast.scoring.Contingency;
import nowcast.scoring.ScoringRules;
import nowcast.sink.verify.LeadScore;
import nowcast.sink.verify.ScoreRecords;
import nowcast.sink.verify.Verifier;
import nowcast.training.evaluation.ScoreAccumulator;

/**
 * The online verification (sink) and the offline evaluation ({@code nowcast evaluate}) score the same
 * forecast and observed fields with identical numbers: MSE, MAE, contingency counts and CSI/POD/FAR,
 * including missing pixels on either side, values beyond the clipping range and an undefined CSI.
 */
class ScoringAgreementTest {

    private static final Instant BASE = Instant.parse("2026-03-01T12:00:00Z");
    private static final Duration CADENCE = Duration.ofMinutes(5);
    private static final int LEADS = 3;
    private static final int SIZE = 24;

    @ParameterizedTest
    @EnumSource(value = Quantity.class, names = {"RAIN_RATE", "REFLECTIVITY"})
    void onlineVerificationAndOfflineEvaluationGiveIdenticalNumbers(Quantity quantity) {
        Random random = new Random(quantity.ordinal() + 7);
        float top = quantity == Quantity.RAIN_RATE ? 130f : 85f;
        List<PhysicalField> predicted = new ArrayList<>();
        List<PhysicalField> observed = new ArrayList<>();
        for (int k = 0; k < LEADS; k++) {
            // the last lead is dry on both sides at the top threshold: CSI undefined there
            float scale = k == LEADS - 1 ? 0.05f : 1f;
            predicted.add(field(quantity, random, top * scale));
            observed.add(field(quantity, random, top * scale));
        }
        List<Double> thresholds = ScoringRules.forQuantity(quantity).thresholds();

        Verifier verifier = new Verifier(Duration.ofHours(2), 32, 32, Clock.systemUTC());
        List<LeadScore> online = new ArrayList<>(verifier.onForecast(forecast(quantity, predicted)));
        for (int k = 0; k < LEADS; k++) {
            online.addAll(verifier.onFrame(new Frame("src", BASE.plus(CADENCE.multipliedBy(k + 1)), CADENCE,
                    "synthetic", observed.get(k), Quantisation.float32(), null, null, null)));
        }
        online.sort(Comparator.comparingInt(LeadScore::leadIndex));
        assertThat(online).hasSize(LEADS);

        float[] thr = new float[thresholds.size()];
        for (int j = 0; j < thr.length; j++) {
            thr[j] = thresholds.get(j).floatValue();
        }
        ScoreAccumulator offline = new ScoreAccumulator(quantity, thr, LEADS);
        for (int k = 0; k < LEADS; k++) {
            offline.add(k + 1, predicted.get(k), observed.get(k));
        }

        boolean sawUndefined = false;
        for (int k = 0; k < LEADS; k++) {
            LeadScore on = online.get(k);
            nowcast.training.evaluation.LeadScore off = offline.scores().get(k);
            assertThat(on.score().mse()).as("MSE lead %d", k + 1).isEqualTo(off.mse());
            assertThat(on.score().mae()).as("MAE lead %d", k + 1).isEqualTo(off.mae());
            assertThat(on.score().categories()).as("contingencies lead %d", k + 1).isEqualTo(off.contingencies());
            VerificationScore record = ScoreRecords.toAvro(on);
            for (int j = 0; j < thresholds.size(); j++) {
                Contingency c = off.contingencies().get(j);
                assertThat(Double.valueOf(on.score().categories().get(j).csi())).isEqualTo(Double.valueOf(c.csi()));
                assertThat(record.getCategories().get(j).getCsi()).isEqualTo(Contingency.definedOrNull(c.csi()));
                assertThat(record.getCategories().get(j).getPod()).isEqualTo(Contingency.definedOrNull(c.pod()));
                assertThat(record.getCategories().get(j).getFar()).isEqualTo(Contingency.definedOrNull(c.far()));
                sawUndefined |= Double.isNaN(c.csi());
            }
        }
        assertThat(sawUndefined).as("the fields include an undefined CSI").isTrue();
        assertThat(offline.scores().get(0).contingencies().get(0).hits()).as("the fields include events").isPositive();
    }

    /** Random values in [-10%, 100%] of {@code top}, a tenth of them missing. */
    private static PhysicalField field(Quantity quantity, Random random, float top) {
        float[] v = new float[SIZE * SIZE];
        for (int i = 0; i < v.length; i++) {
            v[i] = random.nextInt(10) == 0 ? Float.NaN : (random.nextFloat() * 1.1f - 0.1f) * top;
        }
        return PhysicalField.single(quantity, SIZE, SIZE, v);
    }

    private static Forecast forecast(Quantity quantity, List<PhysicalField> frames) {
        List<Instant> inputs = new ArrayList<>();
        for (int i = 9; i >= 0; i--) {
            inputs.add(BASE.minus(CADENCE.multipliedBy(i)));
        }
        List<Duration> leads = new ArrayList<>();
        for (int k = 1; k <= LEADS; k++) {
            leads.add(CADENCE.multipliedBy(k));
        }
        return new Forecast("src", BASE, inputs, List.of(), leads, "synthetic", frames, Quantisation.float32(),
                GridMapping.identity(SIZE, SIZE), null, new ModelIdentity("m", "tiny", "1", "abc"),
                new Timings(1, 2, 3, 1), BASE.plusSeconds(2));
    }
}
