package nowcast.training.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import nowcast.model.Nowcasters;

/**
 * The protocol on the real development events: persistence reproduces the reference table to the
 * printed precision, and the extrapolation nowcaster reaches the reference extrapolation skill.
 */
class DevelopmentEventsTest {

    private static EventScores score(String method, String event) {
        return new Evaluation(8).score(Nowcasters.byName(method), method, DevelopmentEvents.sequence(event),
                DevelopmentEvents.event(event).thresholds(), i -> { });
    }

    private static double csi(EventScores s, int steps, int threshold) {
        return steps == 0 ? s.meanCsi(threshold) : s.lead(steps).contingencies().get(threshold).csi();
    }

    @ParameterizedTest
    @ValueSource(strings = {"knmi_20100826", "mch_20170131", "fmi_20170509"})
    void persistenceReproducesTheProtocolTableToThePrintedDecimals(String event) {
        EventScores s = score("persistence", event);
        SoftAssertions soft = new SoftAssertions();
        for (ProtocolReference ref : ProtocolReference.rows("persistence", event)) {
            int k = ref.leadSteps();
            double mse = k == 0 ? s.meanMse() : s.lead(k).mse();
            double mae = k == 0 ? s.meanMae() : s.lead(k).mae();
            double ssim = k == 0 ? s.meanSsim() : s.lead(k).ssim();
            String at = event + " lead " + ref.lead();
            soft.assertThat(mse * 1e3).as("MSE x1e3, " + at).isCloseTo(ref.mseE3(), within(0.0005 + 1e-9));
            soft.assertThat(mae * 1e3).as("MAE x1e3, " + at).isCloseTo(ref.maeE3(), within(0.005 + 1e-9));
            soft.assertThat(ssim).as("SSIM, " + at).isCloseTo(ref.ssim(), within(0.0005 + 1e-9));
            soft.assertThat(csi(s, k, 0)).as("CSI thr1, " + at).isCloseTo(ref.csi1(), within(0.0005 + 1e-9));
            soft.assertThat(csi(s, k, 1)).as("CSI thr2, " + at).isCloseTo(ref.csi2(), within(0.0005 + 1e-9));
            soft.assertThat(csi(s, k, 2)).as("CSI thr3, " + at).isCloseTo(ref.csi3(), within(0.0005 + 1e-9));
        }
        soft.assertAll();
    }

    @ParameterizedTest
    @ValueSource(strings = {"knmi_20100826", "mch_20170131", "fmi_20170509"})
    void extrapolationReachesTheReferenceSkillAndBeatsPersistence(String event) {
        EventScores extrapolation = score("extrapolation", event);
        EventScores persistence = score("persistence", event);
        SoftAssertions soft = new SoftAssertions();
        for (ProtocolReference ref : ProtocolReference.rows("extrapolation", event)) {
            soft.assertThat(csi(extrapolation, ref.leadSteps(), 0)).as("CSI thr1, " + event + " lead " + ref.lead())
                    .isGreaterThanOrEqualTo(ref.csi1() - 0.03);
        }
        soft.assertThat(extrapolation.meanMse()).as("avg MSE of extrapolation vs persistence, " + event)
                .isLessThan(persistence.meanMse());
        soft.assertAll();
        assertThat(extrapolation.windows()).isEqualTo(persistence.windows()).isEqualTo(event.startsWith("knmi") ? 73 : 21);
    }
}
