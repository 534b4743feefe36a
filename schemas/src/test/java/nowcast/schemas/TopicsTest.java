package nowcast.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void defaultsAndPrefix() {
        Topics d = Topics.defaults();
        assertThat(d.frames()).isEqualTo("nowcast.frames");
        assertThat(d.forecasts()).isEqualTo("nowcast.forecasts");
        assertThat(d.scores()).isEqualTo("nowcast.scores");
        assertThat(d.deadLetter()).isEqualTo("nowcast.dead-letter");
        assertThat(Topics.fromConfig(Map.of(Topics.PREFIX_CONFIG, "site-a")).frames()).isEqualTo("site-a.frames");
        assertThat(Topics.fromConfig(Map.of())).isEqualTo(d);
        assertThat(Topics.valueSubject(d.frames())).isEqualTo("nowcast.frames-value");
    }

    @Test
    void aPrefixThatIsNotATopicNameIsRefused() {
        assertThatThrownBy(() -> Topics.withPrefix("bad prefix/")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad prefix/");
    }
}
