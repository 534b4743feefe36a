package nowcast.predictor.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;

import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import nowcast.frame.PhysicalField;
import nowcast.frame.Quantity;

class StoreSerdesTest {

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
