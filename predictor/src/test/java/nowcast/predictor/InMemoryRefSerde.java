package nowcast.predictor;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Test-only serde for TopologyTestDriver runs in one JVM: the bytes are a reference to the object kept in
 * memory, so topology tests need no wire format. Bytes that are no reference fail to decode, like a
 * corrupt record would.
 */
final class InMemoryRefSerde<T> implements Serde<T> {

    private static final Map<Long, Object> OBJECTS = new ConcurrentHashMap<>();
    private static final AtomicLong NEXT = new AtomicLong(1);
    private static final int MAGIC = 0x5EF0_0001;

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> {
            if (value == null) {
                return null;
            }
            long id = NEXT.getAndIncrement();
            OBJECTS.put(id, value);
            return ByteBuffer.allocate(12).putInt(MAGIC).putLong(id).array();
        };
    }

    @Override
    @SuppressWarnings("unchecked")
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            ByteBuffer b = ByteBuffer.wrap(bytes);
            if (bytes.length != 12 || b.getInt() != MAGIC || !OBJECTS.containsKey(b.getLong(4))) {
                throw new SerializationException("not an object reference: " + bytes.length + " bytes");
            }
            return (T) OBJECTS.get(b.getLong(4));
        };
    }
}
