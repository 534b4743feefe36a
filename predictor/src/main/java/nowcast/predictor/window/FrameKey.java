package nowcast.predictor.window;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.utils.Bytes;

/** Key of one stored field: the source id in UTF-8, a zero byte, then the frame time (ms, big-endian). */
public final class FrameKey {

    private FrameKey() {
    }

    public static Bytes of(String sourceId, long timeMillis) {
        byte[] id = sourceId.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(id.length + 1 + Long.BYTES).put(id).put((byte) 0).putLong(timeMillis)
                .array());
    }
}
