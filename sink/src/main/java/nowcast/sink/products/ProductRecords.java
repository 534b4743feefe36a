package nowcast.sink.products;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import nowcast.avro.ProductAccumulation;
import nowcast.avro.ProductExceedance;
import nowcast.forecast.Forecast;
import nowcast.products.Accumulation;
import nowcast.products.Exceedance;
import nowcast.products.ForecastProducts;
import nowcast.schemas.convert.SharedTypes;

/**
 * The one place where a forecast's products become their Avro wire form ({@code ForecastProducts}):
 * accumulations as float32 little-endian rasters, probabilities as one unsigned byte per pixel in
 * percent (255 = no data), which a consumer decodes with nothing but the registered schema.
 */
public final class ProductRecords {

    /** Byte value of a pixel without a probability. */
    public static final int NO_DATA = 255;

    private ProductRecords() {
    }

    public static nowcast.avro.ForecastProducts toAvro(Forecast f, ForecastProducts products) {
        var first = f.frames().get(0);
        List<ProductAccumulation> acc = new ArrayList<>();
        for (Accumulation a : products.accumulations()) {
            acc.add(ProductAccumulation.newBuilder().setMinutes(a.minutes()).setCoveredMinutes(a.coveredMinutes())
                    .setUnit("mm").setValues(floats(a.millimetres().values())).build());
        }
        ProductExceedance ex = null;
        Exceedance e = products.exceedance();
        if (e != null) {
            List<ByteBuffer> rasters = new ArrayList<>();
            for (int t = 0; t < e.thresholds().size(); t++) {
                for (int k = 0; k < e.leadTimes().size(); k++) {
                    rasters.add(percent(e.probability(t, k)));
                }
            }
            ex = ProductExceedance.newBuilder().setThresholds(e.thresholds())
                    .setLeadTimesMillis(e.leadTimes().stream().map(d -> d.toMillis()).toList())
                    .setCalibration(products.calibration()).setProbabilities(rasters).build();
        }
        return nowcast.avro.ForecastProducts.newBuilder()
                .setSourceId(f.sourceId())
                .setBaseTime(f.baseTime())
                .setProduct(f.product())
                .setQuantity(nowcast.avro.Quantity.valueOf(first.quantity().name()))
                .setUnit(first.quantity().unit())
                .setRows(first.rows())
                .setCols(first.cols())
                .setGeo(f.geo() == null ? null : SharedTypes.toAvro(f.geo()))
                .setModel(f.model() == null ? null : f.model().name())
                .setAccumulations(acc)
                .setExceedance(ex)
                .setCreatedAt(f.createdAt() == null ? f.baseTime() : f.createdAt())
                .build();
    }

    private static ByteBuffer floats(float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.flip();
    }

    static ByteBuffer percent(float[] p) {
        byte[] out = new byte[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = (byte) (Float.isNaN(p[i]) ? NO_DATA : Math.round(Math.max(0, Math.min(1, p[i])) * 100));
        }
        return ByteBuffer.wrap(out);
    }
}
