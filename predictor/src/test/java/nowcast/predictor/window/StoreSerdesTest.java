package nowcast.predictor.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;

import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import nowcast.frame.GeoReference;
import nowcast.frame.GridMapping;
import nowcast.frame.PhysicalField;
import nowcast.frame.Quantity;

class StoreSerdesTest {

    @Test
    void windowStateSurvivesTheChangelogRoundTrip() {
        GridMapping mapping = GridMapping.centred(765, 700, 128, 128, Quantity.REFLECTIVITY);
        PendingWindow pending = new PendingWindow("knmi", 900_000, List.of(0L, 300_000L, 600_000L, 900_000L),
                List.of(300_000L), 300_000, "rad-nl25", mapping, 123, 456);
        SourceWindow state = new SourceWindow("knmi", 300_000, "rad-nl25", mapping,
                new GeoReference("+proj=stere", -1, -2, 3, 4, 1000, 1000, "m", List.of(1.0, 2.0)),
                List.of(new FrameSlot(0, false), new FrameSlot(300_000, true)), List.of(pending));
        SourceWindowSerde serde = new SourceWindowSerde();

        byte[] bytes = serde.serializer().serialize("t", state);
        SourceWindow back = serde.deserializer().deserialize("t", bytes);

        assertThat(back).isEqualTo(state);
        assertThat(bytes.length).isLessThan(600);
    }

    @Test
    void windowStateWithoutGeoRoundTrips() {
        SourceWindow state = new SourceWindow("s", 60_000, "p", GridMapping.identity(128, 128), null, List.of(),
                List.of());
        SourceWindowSerde serde = new SourceWindowSerde();
        assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", state))).isEqualTo(state);
    }

    @Test
    void corruptWindowStateNamesWhereItWasRead() {
        SourceWindowSerde serde = new SourceWindowSerde();
        assertThatThrownBy(() -> serde.deserializer().deserialize("my-changelog", new byte[] {1, 0}))
                .isInstanceOf(SerializationException.class).hasMessageContaining("my-changelog");
        assertThatThrownBy(() -> serde.deserializer().deserialize("my-changelog", new byte[] {9}))
                .hasMessageContaining("layout version 9");
    }

    @Test
    void fieldsKeepNanAndShape() {
        PhysicalField f = new PhysicalField(Quantity.VIL, 2, 3, 1, new float[] {0, Float.NaN, 1.5f, -2, 3, 1e-7f});
        FieldSerde serde = new FieldSerde();
        PhysicalField back = serde.deserializer().deserialize("t", serde.serializer().serialize("t", f));
        assertThat(back.quantity()).isEqualTo(Quantity.VIL);
        assertThat(back.rows()).isEqualTo(2);
        assertThat(back.cols()).isEqualTo(3);
        assertThat(back.values()).containsExactly(f.values());
    }

    @Test
    void aTruncatedFieldIsRejected() {
        FieldSerde serde = new FieldSerde();
        byte[] bytes = serde.serializer().serialize("t", PhysicalField.single(Quantity.RAIN_RATE, 4, 4, new float[16]));
        byte[] cut = Arrays.copyOf(bytes, bytes.length - 4);
        assertThatThrownBy(() -> serde.deserializer().deserialize("frames-changelog", cut))
                .isInstanceOf(SerializationException.class).hasMessageContaining("4x4x1");
    }
}
