package nowcast.model.postprocessing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

class ProbabilityMatchingTest {

    @Test
    void placesTheReferenceValuesInTheOrderOfTheRanking() {
        float[] out = ProbabilityMatching.match(new float[] {0.3f, -1f, 0.9f, 0.1f}, new float[] {5f, 0f, 0f, 2f});
        assertThat(out).containsExactly(2f, 0f, 5f, 0f);
    }

    @Test
    void keepsTheReferenceDistributionAndTheForecastOrder() {
        Random r = new Random(3);
        float[] ranking = new float[500];
        float[] reference = new float[500];
        for (int i = 0; i < ranking.length; i++) {
            ranking[i] = (float) r.nextGaussian();
            reference[i] = r.nextFloat() < 0.6 ? 0f : (float) Math.exp(r.nextGaussian());
        }
        float[] out = ProbabilityMatching.match(ranking, reference);
        float[] a = out.clone();
        float[] b = reference.clone();
        Arrays.sort(a);
        Arrays.sort(b);
        assertThat(a).containsExactly(b);
        for (int i = 0; i < 200; i++) {
            int p = r.nextInt(500);
            int q = r.nextInt(500);
            if (ranking[p] < ranking[q]) {
                assertThat(out[p]).isLessThanOrEqualTo(out[q]);
            }
        }
    }

    @Test
    void usesTheQuantilesOfTheValidReferenceValuesAndGivesUpWithoutAny() {
        float[] out = ProbabilityMatching.match(new float[] {4f, 3f, 2f, 1f}, new float[] {Float.NaN, 10f, Float.NaN, 20f});
        assertThat(out).containsExactly(20f, 20f, 10f, 10f);
        assertThat(ProbabilityMatching.match(new float[] {1f, 2f}, new float[] {Float.NaN, Float.NaN})).isNull();
    }
}
