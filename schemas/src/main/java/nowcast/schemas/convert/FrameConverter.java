package nowcast.schemas.convert;

import java.nio.ByteBuffer;
import java.util.HashMap;

import nowcast.avro.Compression;
import nowcast.frame.Frame;
import nowcast.frame.PhysicalField;
import nowcast.frame.Quantisation;
import nowcast.frame.Quantity;

/** The in-JVM {@link Frame} to and from its wire form {@link nowcast.avro.Frame}. */
public final class FrameConverter {

    private FrameConverter() {
    }

    /** The wire form with Zstandard-compressed pixels (uncompressed where that would not be smaller). */
    public static nowcast.avro.Frame toAvro(Frame f) {
        return toAvro(f, Compression.ZSTD);
    }

    /** The wire form with the given pixel compression ({@code NONE}: the raw elements as they are). */
    public static nowcast.avro.Frame toAvro(Frame f, Compression compression) {
        PhysicalField field = f.field();
        byte[] raw = PixelCodec.encode(field.values(), f.quantisation());
        RasterCompression.Encoded pixels = compression == Compression.ZSTD ? RasterCompression.compress(raw)
                : new RasterCompression.Encoded(Compression.NONE, raw);
        return nowcast.avro.Frame.newBuilder()
                .setSourceId(f.sourceId())
                .setObservationTime(f.time())
                .setProduct(f.product())
                .setQuantity(SharedTypes.toAvro(f.quantity()))
                .setUnit(f.quantity().unit())
                .setGrid(SharedTypes.grid(field.rows(), field.cols(), field.channels()))
                .setQuantisation(SharedTypes.toAvro(f.quantisation()))
                .setPixels(ByteBuffer.wrap(pixels.bytes()))
                .setPixelCompression(pixels.compression())
                .setCadenceMillis(f.cadence().toMillis())
                .setGeo(SharedTypes.toAvro(f.geo()))
                .setSourcePath(f.sourcePath())
                .setAttributes(new HashMap<>(f.attributes()))
                .build();
    }

    /**
     * @throws IllegalArgumentException when the record is inconsistent (pixel bytes that do not
     *                                  match the grid, a non-positive cadence ...)
     */
    public static Frame fromAvro(nowcast.avro.Frame a) {
        String what = "frame of source " + a.getSourceId() + " at " + a.getObservationTime();
        Quantisation q = SharedTypes.fromAvro(a.getQuantisation());
        Quantity quantity = SharedTypes.fromAvro(a.getQuantity());
        int count = SharedTypes.pixelCount(a.getGrid(), what);
        float[] values;
        try {
            ByteBuffer raw = RasterCompression.decompress(a.getPixels(), a.getPixelCompression(),
                    (long) count * q.rawType().bytes());
            values = PixelCodec.decode(raw, q, count);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + ": " + e.getMessage(), e);
        }
        PhysicalField field = new PhysicalField(quantity, a.getGrid().getRows(), a.getGrid().getCols(),
                a.getGrid().getChannels(), values);
        return new Frame(a.getSourceId(), a.getObservationTime(), java.time.Duration.ofMillis(a.getCadenceMillis()),
                a.getProduct(), field, q, SharedTypes.fromAvro(a.getGeo()), a.getSourcePath(), a.getAttributes());
    }
}
