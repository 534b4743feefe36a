package nowcast.predictor.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import nowcast.frame.GeoReference;
import nowcast.frame.GridMapping;
import nowcast.frame.Quantity;

/**
 * The window state format (docs/predictor.md, "Window state format"); {@link WindowStateFixtures} has the
 * values the pre-Avro encoder wrote.
 */
class SourceWindowSerdeTest {

    private static final String CHANGELOG = "nowcast-predictor-source-windows-changelog";

    /** Every field set, non-ASCII source id, two pending windows with different mappings, extreme longs. */
    static SourceWindow full() {
        GridMapping centred = GridMapping.centred(765, 700, 128, 128, Quantity.REFLECTIVITY);
        GridMapping crop = GridMapping.crop(765, 700, 100, 50, 128, 128, 1, Quantity.RAIN_RATE);
        return new SourceWindow("knmi-\u00e9t\u00e9", 300_000, "rad-nl25", centred,
                new GeoReference("+proj=stere +lat_0=90 +lon_0=0", -0.5, -4_415_002.5, 700_000.5, -3_649_999.0,
                        1000.0, -1000.25, "km", List.of(0.0, 49.36, 0.0, 55.97, 10.86, 55.39, 9.0, 48.9)),
                List.of(new FrameSlot(1_717_243_200_000L, false), new FrameSlot(1_717_243_500_000L, true),
                        new FrameSlot(1_717_243_800_000L, false)),
                List.of(new PendingWindow("knmi-\u00e9t\u00e9", 1_717_243_800_000L,
                                List.of(1_717_243_200_000L, 1_717_243_500_000L, 1_717_243_800_000L),
                                List.of(1_717_243_500_000L), 300_000, "rad-nl25", centred, 1_717_243_801_234L,
                                1_717_243_802_345L),
                        new PendingWindow("knmi-\u00e9t\u00e9", 1_717_244_100_000L, List.of(1_717_244_100_000L),
                                List.of(), 600_000, "rad-nl25-cropped", crop, -1L, Long.MAX_VALUE)));
    }

    /** No geo-reference, no slots, nothing pending. */
    static SourceWindow minimal() {
        return new SourceWindow("s", 60_000, "p", GridMapping.identity(128, 128), null, List.of(), List.of());
    }

    private final SourceWindowSerde serde = new SourceWindowSerde();

    private byte[] write(SourceWindow w) {
        return serde.serializer().serialize(CHANGELOG, w);
    }

    private SourceWindow read(byte[] bytes) {
        return serde.deserializer().deserialize(CHANGELOG, bytes);
    }

    @Test
    void everyFieldSurvivesTheRoundTripInSingleObjectEncoding() {
        byte[] bytes = write(full());
        assertThat(Arrays.copyOf(bytes, 10)).startsWith(0xC3, 0x01);
        assertThat(ByteBuffer.wrap(bytes, 2, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong())
                .isEqualTo(SchemaNormalization.parsingFingerprint64(nowcast.avro.SourceWindow.getClassSchema()));
        assertThat(read(bytes)).isEqualTo(full());
        assertThat(bytes.length).isLessThan(600);
    }

    @Test
    void aWindowWithoutGeoOrFramesRoundTrips() {
        assertThat(read(write(minimal()))).isEqualTo(minimal());
    }

    @Test
    void valuesWrittenInThePreAvroLayoutAreReadAsTheSameWindow() {
        assertThat(read(WindowStateFixtures.fixture("v1-full.hex"))).isEqualTo(full());
        assertThat(read(WindowStateFixtures.fixture("v1-minimal.hex"))).isEqualTo(minimal());
    }

    @Test
    void aMigratedWindowIsWrittenBackInAvro() {
        SourceWindow migrated = read(WindowStateFixtures.fixture("v1-full.hex"));
        byte[] rewritten = write(migrated);
        assertThat(rewritten[0]).isEqualTo((byte) 0xC3);
        assertThat(read(rewritten)).isEqualTo(full());
    }

    @Test
    void unknownBytesAreRejectedNamingTheChangelogAndTheFirstBytes() {
        assertThatThrownBy(() -> read(new byte[] {9, 8, 7}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining(CHANGELOG)
                .hasMessageContaining("3 bytes: 09 08 07")
                .hasMessageContaining("neither Avro single-object encoding");
        assertThatThrownBy(() -> read(new byte[0])).isInstanceOf(SerializationException.class)
                .hasMessageContaining("0 bytes");
    }

    @Test
    void truncatedValuesOfEitherFormatAreRejected() {
        byte[] legacy = WindowStateFixtures.fixture("v1-full.hex");
        assertThatThrownBy(() -> read(Arrays.copyOf(legacy, legacy.length - 3)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining(CHANGELOG)
                .hasMessageContaining((legacy.length - 3) + " bytes: 01 00 0a")
                .hasMessageContaining("pre-Avro layout");
        byte[] avro = write(full());
        assertThatThrownBy(() -> read(Arrays.copyOf(avro, avro.length - 5)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining(CHANGELOG)
                .hasMessageContaining((avro.length - 5) + " bytes: c3 01")
                .hasMessageContaining("truncated or corrupt");
        assertThatThrownBy(() -> read(Arrays.copyOf(avro, 6))).isInstanceOf(SerializationException.class)
                .hasMessageContaining("6 bytes: c3 01");
    }

    @Test
    void trailingBytesAreRejected() {
        byte[] avro = write(minimal());
        assertThatThrownBy(() -> read(Arrays.copyOf(avro, avro.length + 2)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("followed by 2 unexpected bytes");
        byte[] legacy = WindowStateFixtures.fixture("v1-minimal.hex");
        assertThatThrownBy(() -> read(Arrays.copyOf(legacy, legacy.length + 1)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("1 bytes follow the window");
    }

    @Test
    void aCorruptCountInTheOldLayoutAllocatesNothingAndIsRejected() {
        byte[] legacy = WindowStateFixtures.fixture("v1-minimal.hex");
        // the slot count (four bytes after the two empty-geo/mapping fields) set to 2^30
        byte[] huge = legacy.clone();
        int slotCount = legacy.length - 8;
        huge[slotCount] = 0x40;
        assertThatThrownBy(() -> read(huge)).isInstanceOf(SerializationException.class)
                .hasMessageContaining("a count of 1073741824 does not fit");
    }

    /** A schema as an earlier build might have had it: no geo field. */
    private static Schema withoutGeo() {
        Schema current = nowcast.avro.SourceWindow.getClassSchema();
        List<Schema.Field> fields = current.getFields().stream().filter(f -> !f.name().equals("geo"))
                .map(f -> new Schema.Field(f, f.schema())).toList();
        return Schema.createRecord(current.getName(), current.getDoc(), current.getNamespace(), false, fields);
    }

    private static byte[] writtenWithoutGeo() throws IOException {
        Schema old = withoutGeo();
        nowcast.avro.GridMapping mapping = nowcast.schemas.convert.SharedTypes.toAvro(GridMapping.identity(128, 128));
        GenericRecord value = new GenericRecordBuilder(old).set("sourceId", "s").set("cadenceMillis", 60_000L)
                .set("product", "p").set("mapping", mapping).set("slots", List.of()).set("pending", List.of())
                .build();
        ByteBuffer buffer = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), old).encode(value);
        return Arrays.copyOfRange(buffer.array(), buffer.arrayOffset() + buffer.position(),
                buffer.arrayOffset() + buffer.limit());
    }

    @Test
    void aValueWrittenWithAnOlderRegisteredSchemaResolvesToTheCurrentRecord() throws IOException {
        SourceWindowSerde knowsOld = new SourceWindowSerde(List.of(withoutGeo()));
        assertThat(knowsOld.deserializer().deserialize(CHANGELOG, writtenWithoutGeo())).isEqualTo(minimal());
    }

    @Test
    void aValueWrittenWithAnUnknownSchemaIsRejectedNamingItsFingerprint() throws IOException {
        String fingerprint = String.format("%016x", SchemaNormalization.parsingFingerprint64(withoutGeo()));
        assertThatThrownBy(() -> read(writtenWithoutGeo()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining(CHANGELOG)
                .hasMessageContaining("schema this build does not know (fingerprint " + fingerprint);
    }

    @Test
    void theCurrentSchemaIsTheNewestArchivedOneAndReadsEveryArchivedOne() {
        List<Schema> archived = SourceWindowSerde.archivedSchemas();
        Schema current = nowcast.avro.SourceWindow.getClassSchema();
        assertThat(archived).as("archived SourceWindow-v<n>.avsc resources").isNotEmpty();
        assertThat(SchemaNormalization.parsingFingerprint64(archived.get(archived.size() - 1)))
                .as("SourceWindow.avsc changed: archive it as the next SourceWindow-v<n>.avsc (docs/predictor.md,"
                        + " 'Window state format')")
                .isEqualTo(SchemaNormalization.parsingFingerprint64(current));
        for (Schema writer : archived) {
            assertThat(SchemaCompatibility.checkReaderWriterCompatibility(current, writer).getType())
                    .as("current schema reads values written with " + writer)
                    .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
        }
    }
}
