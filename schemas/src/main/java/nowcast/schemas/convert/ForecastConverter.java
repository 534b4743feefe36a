package nowcast.schemas.convert;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import nowcast.avro.Compression;
import nowcast.forecast.Forecast;
import nowcast.frame.GridMapping;
import nowcast.frame.PhysicalField;
import nowcast.frame.Quantisation;
import nowcast.frame.Quantity;

/**
 * The in-JVM {@link Forecast} to and from its wire form {@link nowcast.avro.Forecast}. All
 * predicted frames share one shape and quantity; a forecast without a grid mapping is sent with
 * the identity mapping of its grid.
 */
public final class ForecastConverter {

    private ForecastConverter() {
    }

    /** The wire form with Zstandard-compressed frames (uncompressed where that would not be smaller). */
    public static nowcast.avro.Forecast toAvro(Forecast f) {
        return toAvro(f, Compression.ZSTD);
    }

    /**
     * The wire form with the given frame compression. The record names one codec for all frames, so they are
     * sent uncompressed when compression does not make them smaller as a whole.
     */
    public static nowcast.avro.Forecast toAvro(Forecast f, Compression compression) {
        if (f.frames().isEmpty()) {
            throw new IllegalArgumentException("forecast for " + f.sourceId() + " at " + f.baseTime()
                    + " has no frames; there is nothing to send");
        }
        PhysicalField first = f.frames().get(0);
        List<byte[]> raw = new ArrayList<>(f.frames().size());
        for (PhysicalField p : f.frames()) {
            if (p.rows() != first.rows() || p.cols() != first.cols() || p.channels() != first.channels()
                    || p.quantity() != first.quantity()) {
                throw new IllegalArgumentException("forecast for " + f.sourceId() + " at " + f.baseTime()
                        + " mixes frame shapes or quantities");
            }
            raw.add(PixelCodec.encode(p.values(), f.quantisation()));
        }
        Compression used = Compression.NONE;
        List<ByteBuffer> frames = new ArrayList<>(raw.size());
        if (compression == Compression.ZSTD) {
            long rawBytes = 0;
            long packedBytes = 0;
            for (byte[] r : raw) {
                byte[] packed = RasterCompression.zstd(r);
                rawBytes += r.length;
                packedBytes += packed.length;
                frames.add(ByteBuffer.wrap(packed));
            }
            if (packedBytes < rawBytes) {
                used = Compression.ZSTD;
            } else {
                frames.clear();
            }
        }
        if (used == Compression.NONE) {
            raw.forEach(r -> frames.add(ByteBuffer.wrap(r)));
        }
        GridMapping mapping = f.gridMapping() != null ? f.gridMapping()
                : GridMapping.identity(first.rows(), first.cols());
        return nowcast.avro.Forecast.newBuilder()
                .setSourceId(f.sourceId())
                .setBaseTime(f.baseTime())
                .setInputTimes(f.inputTimes())
                .setInterpolatedInputs(f.interpolatedInputs())
                .setLeadTimesMillis(f.leadTimes().stream().map(Duration::toMillis).toList())
                .setProduct(f.product())
                .setQuantity(SharedTypes.toAvro(first.quantity()))
                .setUnit(first.quantity().unit())
                .setGrid(SharedTypes.grid(first.rows(), first.cols(), first.channels()))
                .setQuantisation(SharedTypes.toAvro(f.quantisation()))
                .setFrames(frames)
                .setGridMapping(SharedTypes.toAvro(mapping))
                .setGeo(SharedTypes.toAvro(f.geo()))
                .setModel(SharedTypes.toAvro(f.model()))
                .setTimings(SharedTypes.toAvro(f.timings()))
                .setCreatedAt(f.createdAt())
                .setFrameCompression(used)
                .build();
    }

    /** @throws IllegalArgumentException when the record is inconsistent (frame bytes that do not match the grid ...) */
    public static Forecast fromAvro(nowcast.avro.Forecast a) {
        String what = "forecast for source " + a.getSourceId() + " at " + a.getBaseTime();
        Quantisation q = SharedTypes.fromAvro(a.getQuantisation());
        Quantity quantity = SharedTypes.fromAvro(a.getQuantity());
        int count = SharedTypes.pixelCount(a.getGrid(), what);
        List<PhysicalField> fields = new ArrayList<>(a.getFrames().size());
        for (int i = 0; i < a.getFrames().size(); i++) {
            float[] values;
            try {
                ByteBuffer bytes = RasterCompression.decompress(a.getFrames().get(i), a.getFrameCompression(),
                        (long) count * q.rawType().bytes());
                values = PixelCodec.decode(bytes, q, count);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(what + ", frame " + i + ": " + e.getMessage(), e);
            }
            fields.add(new PhysicalField(quantity, a.getGrid().getRows(), a.getGrid().getCols(),
                    a.getGrid().getChannels(), values));
        }
        List<Duration> leads = a.getLeadTimesMillis().stream().map(Duration::ofMillis).toList();
        return new Forecast(a.getSourceId(), a.getBaseTime(), a.getInputTimes(), a.getInterpolatedInputs(), leads,
                a.getProduct(), fields, q, SharedTypes.fromAvro(a.getGridMapping()), SharedTypes.fromAvro(a.getGeo()),
                SharedTypes.fromAvro(a.getModel()), SharedTypes.fromAvro(a.getTimings()), a.getCreatedAt());
    }
}
