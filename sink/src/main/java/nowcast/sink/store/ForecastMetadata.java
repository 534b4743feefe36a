package nowcast.sink.store;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import nowcast.forecast.Forecast;
import nowcast.forecast.ModelIdentity;
import nowcast.forecast.Timings;
import nowcast.frame.GeoReference;
import nowcast.frame.GridMapping;
import nowcast.frame.PhysicalField;
import nowcast.frame.Quantisation;
import nowcast.products.Accumulation;
import nowcast.products.Exceedance;
import nowcast.products.ForecastProducts;

/**
 * {@code forecast.json}, the metadata file of a stored forecast (format {@value ForecastFiles#FORMAT},
 * docs/sink.md, "Stored forecasts"): everything needed to read {@code forecast.npy} and place it on a
 * map without this project. Parts a forecast may lack are written as {@code {}} (grid mapping, wire
 * quantisation, model, timings) or {@code null} (geo reference, exceedance), as the format has done
 * from the start.
 */
public record ForecastMetadata(String format, String sourceId, String product, String quantity, String unit,
                               String baseTime, List<String> inputTimes, List<String> interpolatedInputs,
                               List<Lead> leads, ArrayFile array, Grid grid,
                               @JsonSerialize(nullsUsing = EmptyObject.class) SourceGrid gridMapping,
                               Geo geo,
                               @JsonSerialize(nullsUsing = EmptyObject.class) WireQuantisation wireQuantisation,
                               Scale colourScale,
                               @JsonSerialize(nullsUsing = EmptyObject.class) Model model,
                               @JsonSerialize(nullsUsing = EmptyObject.class) ForecastTimings timings,
                               Products products, String createdAt) {

    /** One lead: its image and when it is valid. */
    public record Lead(int index, long leadSeconds, String lead, String validTime, String png) {
    }

    /** How to read {@code forecast.npy}. */
    public record ArrayFile(String file, String dtype, List<Integer> shape, String axes, String unit, String noData,
                            String rowOrder) {
    }

    public record Grid(int rows, int cols, int channels) {
    }

    /** Where the model grid lies on the source grid ({@link GridMapping}). */
    public record SourceGrid(int sourceRows, int sourceCols, int cropRow, int cropCol, int cropRows, int cropCols,
                             int blockSize, String averaging) {
        static SourceGrid of(GridMapping m) {
            return m == null ? null : new SourceGrid(m.sourceRows(), m.sourceCols(), m.cropRow(), m.cropCol(),
                    m.cropRows(), m.cropCols(), m.blockSize(), m.averaging());
        }
    }

    /** The map placement ({@link GeoReference}). */
    public record Geo(String projection, double xMin, double yMin, double xMax, double yMax, double pixelSizeX,
                      double pixelSizeY, String units, List<Double> corners) {
        static Geo of(GeoReference g) {
            return g == null ? null : new Geo(g.projection(), g.xMin(), g.yMin(), g.xMax(), g.yMax(), g.pixelSizeX(),
                    g.pixelSizeY(), g.units(), g.corners());
        }
    }

    /** How the forecast's values travelled on the forecasts topic ({@link Quantisation}). */
    public record WireQuantisation(String rawType, double gain, double offset, Double nodata, Double undetect,
                                   double undetectValue) {
        static WireQuantisation of(Quantisation q) {
            return q == null ? null : new WireQuantisation(q.rawType().name(), q.gain(), q.offset(), q.nodata(),
                    q.undetect(), q.undetectValue());
        }
    }

    /**
     * A colour scale as the PNGs were drawn: a grey ramp from {@code min} to {@code max}, or bands from a
     * value up; pixels without data take {@code noData} ({@code #aarrggbb}).
     */
    public record Scale(String name, String scale, String noData, String kind,
                        @JsonInclude(JsonInclude.Include.NON_NULL) Double min,
                        @JsonInclude(JsonInclude.Include.NON_NULL) Double max,
                        @JsonInclude(JsonInclude.Include.NON_NULL) List<ColourScale.LegendBand> bands) {

        static Scale of(ColourScale s) {
            String noData = String.format("#%08x", ColourScale.NO_DATA_ARGB);
            if (s.continuous()) {
                return new Scale(s.name(), s.scaleName(), noData, "grey ramp", s.min(), s.max(), null);
            }
            return new Scale(s.name(), s.scaleName(), noData, "bands; below the first band is transparent", null, null,
                    s.legend());
        }
    }

    public record Model(String name, String scale, String version, String artifactHash, String device) {
        static Model of(ModelIdentity m) {
            return m == null ? null : new Model(m.name(), m.scale(), m.version(), m.artifactHash(), m.device());
        }
    }

    public record ForecastTimings(double queueMillis, double inferenceMillis, double endToEndMillis, int batchSize) {
        static ForecastTimings of(Timings t) {
            return t == null ? null : new ForecastTimings(t.queueMillis(), t.inferenceMillis(), t.endToEndMillis(),
                    t.batchSize());
        }
    }

    /** The product files next to the forecast (docs/subscribers.md). */
    public record Products(String calibration, List<AccumulationFiles> accumulations, ExceedanceFiles exceedance) {
    }

    public record AccumulationFiles(int minutes, double coveredMinutes, String unit, String npy, String png) {
    }

    /** Exceedance probabilities: one array, and one image per threshold ({@code png[threshold][lead]}). */
    public record ExceedanceFiles(String npy, List<Integer> shape, String axes, String unit, List<Double> thresholds,
                                  List<List<String>> png, Scale colourScale) {
    }

    /** The metadata of {@code f} with the files of {@code products}. */
    public static ForecastMetadata of(Forecast f, ForecastProducts products) {
        PhysicalField first = f.frames().get(0);
        String unit = first.quantity().unit();
        List<Lead> leads = new ArrayList<>();
        for (int i = 0; i < f.leadTimes().size(); i++) {
            Duration lead = f.leadTimes().get(i);
            leads.add(new Lead(i + 1, lead.toSeconds(), lead.toString(), f.validTime(i).toString(),
                    ForecastFileName.leadPng(i + 1)));
        }
        boolean multi = first.channels() > 1;
        List<Integer> shape = multi ? List.of(f.frames().size(), first.rows(), first.cols(), first.channels())
                : List.of(f.frames().size(), first.rows(), first.cols());
        ArrayFile array = new ArrayFile(ForecastFileName.ARRAY, "float32 little-endian (<f4)", shape,
                multi ? "lead, row, col, channel" : "lead, row, col", unit, "NaN", "row 0 is the northern/top edge");
        return new ForecastMetadata(ForecastFiles.FORMAT, f.sourceId(), f.product(), first.quantity().name(), unit,
                f.baseTime().toString(), text(f.inputTimes()), text(f.interpolatedInputs()), leads, array,
                new Grid(first.rows(), first.cols(), first.channels()), SourceGrid.of(f.gridMapping()), Geo.of(f.geo()),
                WireQuantisation.of(f.quantisation()), Scale.of(ColourScales.forQuantity(first.quantity())),
                Model.of(f.model()), ForecastTimings.of(f.timings()), products(products, unit),
                f.createdAt() == null ? null : f.createdAt().toString());
    }

    private static Products products(ForecastProducts products, String unit) {
        List<AccumulationFiles> accumulations = products.accumulations().stream()
                .map(a -> new AccumulationFiles(a.minutes(), a.coveredMinutes(), "mm",
                        ForecastFileName.accumulation(a.minutes(), "npy"),
                        ForecastFileName.accumulation(a.minutes(), "png")))
                .toList();
        Exceedance ex = products.exceedance();
        if (ex == null) {
            return new Products(products.calibration(), accumulations, null);
        }
        List<List<String>> png = new ArrayList<>();
        for (int t = 0; t < ex.thresholds().size(); t++) {
            List<String> perLead = new ArrayList<>();
            for (int k = 0; k < ex.leadTimes().size(); k++) {
                perLead.add(ForecastFileName.exceedancePng(t + 1, k + 1));
            }
            png.add(perLead);
        }
        return new Products(products.calibration(), accumulations, new ExceedanceFiles(ForecastFileName.EXCEEDANCE,
                List.of(ex.thresholds().size(), ex.leadTimes().size(), ex.rows(), ex.cols()),
                "threshold, lead, row, col", unit, ex.thresholds(), png, Scale.of(ColourScales.PROBABILITY)));
    }

    private static List<String> text(List<Instant> times) {
        return times.stream().map(Instant::toString).toList();
    }

    /** An absent part of the format written as {@code {}}. */
    static final class EmptyObject extends JsonSerializer<Object> {
        @Override
        public void serialize(Object value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeStartObject();
            gen.writeEndObject();
        }
    }
}
