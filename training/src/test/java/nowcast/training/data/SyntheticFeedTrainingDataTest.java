package nowcast.training.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import nowcast.ingestion.synthetic.StormSettings;
import nowcast.ingestion.synthetic.SyntheticStorms;
import org.junit.jupiter.api.Test;

/** Training on the storms of {@code nowcast ingest synthetic}, without a broker in between. */
class SyntheticFeedTrainingDataTest {

    private static final int SIDE = 128;
    private static final int PIXELS = SIDE * SIDE;
    private static final FieldScaler SCALING = FieldScaler.radarDefault();

    @Test
    void eachSourceOfTheFeedIsSplitByTimeAndItsWindowsAreTheGeneratorsFrames() throws IOException {
        TrainingData.Options options = new TrainingData.Options(10, 10, 3, SIDE, 1, 3, 0.5, 0, false, 0.5);
        TrainingData data = TrainingData.build(List.of(), List.of(), List.of(new TrainingData.SyntheticFeed(2, 42, 7)), options, SCALING);

        // 42 frames per source, the later half held out: frames 0-20 and 21-41 give two 20-frame windows each
        assertThat(data.train().windowCount()).isEqualTo(4);
        assertThat(data.validation().windowCount()).isEqualTo(4);
        assertThat(data.description().get("radar")).hasSize(2);

        SyntheticStorms storms = new SyntheticStorms(StormSettings.defaults().withSeed(7).withSources(2));
        Batch batch = data.train().batch(0);
        float[] first = Arrays.copyOfRange(batch.input(), 0, PIXELS);
        int[] match = null;
        for (int source = 0; source < 2 && match == null; source++) {
            for (int start = 0; start < 2 && match == null; start++) {
                if (Arrays.equals(first, SCALING.toModel(storms.field(source, start)))) {
                    match = new int[] {source, start};
                }
            }
        }
        assertThat(match).as("the window's first frame is a training frame of the generator").isNotNull();
        assertThat(sum(first)).as("and it rains in it").isGreaterThan(0);
        for (int t = 0; t < 10; t++) {
            float[] input = Arrays.copyOfRange(batch.input(), t * 3 * PIXELS, t * 3 * PIXELS + PIXELS);
            float[] target = Arrays.copyOfRange(batch.target(), t * 3 * PIXELS, t * 3 * PIXELS + PIXELS);
            assertThat(Arrays.equals(input, SCALING.toModel(storms.field(match[0], match[1] + t)))).as("input frame " + t).isTrue();
            assertThat(Arrays.equals(target, SCALING.toModel(storms.field(match[0], match[1] + 10 + t)))).as("target frame " + t).isTrue();
        }
    }

    @Test
    void anEmptyFeedIsRefused() {
        assertThatThrownBy(() -> new TrainingData.SyntheticFeed(0, 288, 1)).hasMessageContaining("at least one source");
    }

    private static double sum(float[] values) {
        double s = 0;
        for (float v : values) {
            s += v;
        }
        return s;
    }
}
