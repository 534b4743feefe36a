package nowcast.schemas.convert;

import nowcast.forecast.ModelIdentity;
import nowcast.forecast.Timings;
import nowcast.frame.GeoReference;
import nowcast.frame.GridMapping;
import nowcast.frame.Quantisation;
import nowcast.frame.Quantity;
import nowcast.frame.RawType;

/**
 * Conversions of the value types that frames, forecasts, forecast products and the predictor's window
 * state share.
 */
public final class SharedTypes {

    private SharedTypes() {
    }

    static nowcast.avro.Quantity toAvro(Quantity q) {
        return nowcast.avro.Quantity.valueOf(q.name());
    }

    static Quantity fromAvro(nowcast.avro.Quantity q) {
        return Quantity.valueOf(q.name());
    }

    static nowcast.avro.Quantisation toAvro(Quantisation q) {
        return nowcast.avro.Quantisation.newBuilder()
                .setRawType(nowcast.avro.RawType.valueOf(q.rawType().name()))
                .setGain(q.gain())
                .setOffset(q.offset())
                .setNodata(q.nodata())
                .setUndetect(q.undetect())
                .setUndetectValue(q.undetectValue())
                .build();
    }

    static Quantisation fromAvro(nowcast.avro.Quantisation q) {
        return new Quantisation(RawType.valueOf(q.getRawType().name()), q.getGain(), q.getOffset(), q.getNodata(),
                q.getUndetect(), q.getUndetectValue());
    }

    static nowcast.avro.Grid grid(int rows, int cols, int channels) {
        return nowcast.avro.Grid.newBuilder().setRows(rows).setCols(cols).setChannels(channels).build();
    }

    public static nowcast.avro.GeoReference toAvro(GeoReference g) {
        if (g == null) {
            return null;
        }
        return nowcast.avro.GeoReference.newBuilder()
                .setProjection(g.projection())
                .setXMin(g.xMin()).setYMin(g.yMin()).setXMax(g.xMax()).setYMax(g.yMax())
                .setPixelSizeX(g.pixelSizeX()).setPixelSizeY(g.pixelSizeY())
                .setUnits(g.units())
                .setCorners(g.corners())
                .build();
    }

    public static GeoReference fromAvro(nowcast.avro.GeoReference g) {
        if (g == null) {
            return null;
        }
        return new GeoReference(g.getProjection(), g.getXMin(), g.getYMin(), g.getXMax(), g.getYMax(),
                g.getPixelSizeX(), g.getPixelSizeY(), g.getUnits(), g.getCorners());
    }

    public static nowcast.avro.GridMapping toAvro(GridMapping m) {
        return nowcast.avro.GridMapping.newBuilder()
                .setSourceRows(m.sourceRows()).setSourceCols(m.sourceCols())
                .setCropRow(m.cropRow()).setCropCol(m.cropCol())
                .setCropRows(m.cropRows()).setCropCols(m.cropCols())
                .setBlockSize(m.blockSize())
                .setAveraging(m.averaging())
                .build();
    }

    public static GridMapping fromAvro(nowcast.avro.GridMapping m) {
        return new GridMapping(m.getSourceRows(), m.getSourceCols(), m.getCropRow(), m.getCropCol(),
                m.getCropRows(), m.getCropCols(), m.getBlockSize(), m.getAveraging());
    }

    static nowcast.avro.ModelIdentity toAvro(ModelIdentity m) {
        return nowcast.avro.ModelIdentity.newBuilder()
                .setName(m.name()).setScale(m.scale()).setVersion(m.version()).setArtifactHash(m.artifactHash())
                .setDevice(m.device())
                .build();
    }

    static ModelIdentity fromAvro(nowcast.avro.ModelIdentity m) {
        return new ModelIdentity(m.getName(), m.getScale(), m.getVersion(), m.getArtifactHash(), m.getDevice());
    }

    static nowcast.avro.Timings toAvro(Timings t) {
        return nowcast.avro.Timings.newBuilder()
                .setQueueMillis(t.queueMillis()).setInferenceMillis(t.inferenceMillis())
                .setEndToEndMillis(t.endToEndMillis()).setBatchSize(t.batchSize())
                .build();
    }

    static Timings fromAvro(nowcast.avro.Timings t) {
        return new Timings(t.getQueueMillis(), t.getInferenceMillis(), t.getEndToEndMillis(), t.getBatchSize());
    }

    /** Bounds a grid read from the wire before anything is allocated for it. */
    static int pixelCount(nowcast.avro.Grid g, String what) {
        long n = (long) g.getRows() * g.getCols() * g.getChannels();
        if (g.getRows() <= 0 || g.getCols() <= 0 || g.getChannels() <= 0 || n > Integer.MAX_VALUE / 4) {
            throw new IllegalArgumentException(what + " has an invalid grid " + g.getRows() + "x" + g.getCols() + "x"
                    + g.getChannels());
        }
        return (int) n;
    }
}
