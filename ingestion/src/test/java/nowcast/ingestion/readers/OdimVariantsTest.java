package nowcast.ingestion.readers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import nowcast.frame.Frame;
import nowcast.frame.Quantity;

/** The ODIM_H5 layouts of docs/spec/radar-formats.md that the shared sample files do not cover, written with jhdf. */
class OdimVariantsTest {

    private static final double NODATA = -9999000.0;
    private static final double UNDETECT = -8888000.0;

    @TempDir
    Path dir;

    /**
     * jhdf's (alpha) writer produces unreadable files for some group layouts (root what + where + one dataset
     * group); the tests that do not check the geo-reference leave {@code /where} out.
     */
    private static void rootGroups(WritableHdfFile hdf, String date, String time, boolean withWhere) {
        WritableGroup what = hdf.putGroup("what");
        what.putAttribute("date", date);
        what.putAttribute("time", time);
        what.putAttribute("object", "COMP");
        if (!withWhere) {
            return;
        }
        WritableGroup where = hdf.putGroup("where");
        where.putAttribute("projdef", "+proj=laea +lat_0=55.0 +lon_0=10.0 +x_0=1950000.0 +y_0=-2100000.0 +units=m +ellps=WGS84");
        where.putAttribute("xscale", 2000.0);
        where.putAttribute("yscale", 2000.0);
        where.putAttribute("UL_x", 0.0);
        where.putAttribute("UL_y", 0.0);
    }

    /** OPERA 2018 style: attributes in datasetN/what, float64 raw values with nodata/undetect, a QIND dataset first. */
    @Test
    void whatAtDatasetLevelAndQuantityPickedAmongSeveralDatasets() throws Exception {
        Path file = dir.resolve("T_PAAH21_C_EUOC_20180824180000.hdf");
        try (WritableHdfFile hdf = HdfFile.write(file)) {
            rootGroups(hdf, "20180824", "180000", true);
            WritableGroup quality = hdf.putGroup("dataset1");
            WritableGroup qWhat = quality.putGroup("what");
            qWhat.putAttribute("quantity", "QIND");
            qWhat.putAttribute("gain", 1.0);
            qWhat.putAttribute("offset", 0.0);
            quality.putGroup("data1").putDataset("data", new double[][] {{0.1, 0.2, 0.3}, {0.4, 0.5, 0.6}});
            WritableGroup rate = hdf.putGroup("dataset2");
            WritableGroup what = rate.putGroup("what");
            what.putAttribute("quantity", "RATE");
            what.putAttribute("product", "COMP");
            what.putAttribute("gain", 0.5);
            what.putAttribute("offset", 1.0);
            what.putAttribute("nodata", NODATA);
            what.putAttribute("undetect", UNDETECT);
            rate.putGroup("data1").putDataset("data", new double[][] {{NODATA, UNDETECT, 4.0}, {10.0, 5000.0, 0.0}});
        }
        Frame frame = FrameReaders.byName("odim").read(file);
        assertThat(frame.time()).isEqualTo(Instant.parse("2018-08-24T18:00:00Z"));
        assertThat(frame.quantity()).isEqualTo(Quantity.RAIN_RATE);
        assertThat(frame.product()).isEqualTo("odim:COMP/RATE");
        assertThat(frame.field().values()).containsExactly(Float.NaN, 0f, 3f, 6f, (float) OdimReader.MAX_RATE_MM_H, 1f);
        assertThat(frame.geo().xMax()).isEqualTo(6000.0);
        assertThat(frame.geo().yMin()).isEqualTo(-4000.0);

        Frame quality = FrameReaders.byName("odim", ReaderOptions.defaults().withQuantity("RATE")).read(file);
        assertThat(quality.field().get(1, 0)).isEqualTo(6f);
        assertThatThrownBy(() -> FrameReaders.byName("odim", ReaderOptions.defaults().withQuantity("DBZH")).read(file))
                .isInstanceOf(BadFrameException.class).hasMessageContaining("no dataset with quantity DBZH")
                .hasMessageContaining("QIND").hasMessageContaining("RATE");
    }

    /** RMI style: float32 data in mm/h, data-level what with only the quantity (no gain, offset, nodata), NaN = no data. */
    @Test
    void floatDataWithoutGainOffsetOrNodata() throws Exception {
        Path file = dir.resolve("20210704155000.rad.best.comp.rate.qpe.hdf");
        try (WritableHdfFile hdf = HdfFile.write(file)) {
            rootGroups(hdf, "20210704", "155000", false);
            WritableGroup data = hdf.putGroup("dataset1").putGroup("data1");
            data.putGroup("what").putAttribute("quantity", "RATE");
            data.putDataset("data", new float[][] {{Float.NaN, 0f}, {84.4f, 1.5f}});
        }
        Frame frame = FrameReaders.byName("odim").read(file);
        assertThat(frame.time()).isEqualTo(Instant.parse("2021-07-04T15:50:00Z"));
        assertThat(frame.field().values()).containsExactly(Float.NaN, 0f, 84.4f, 1.5f);
    }

    @Test
    void reflectivityUndetectIsTheDbzFloor() throws Exception {
        Path file = dir.resolve("T_PABV21_C_EUOC_20241126013000.hdf");
        try (WritableHdfFile hdf = HdfFile.write(file)) {
            rootGroups(hdf, "20241126", "013000", false);
            WritableGroup data = hdf.putGroup("dataset1").putGroup("data1");
            WritableGroup what = data.putGroup("what");
            what.putAttribute("quantity", "DBZH");
            what.putAttribute("gain", 1.0);
            what.putAttribute("offset", 0.0);
            what.putAttribute("nodata", NODATA);
            what.putAttribute("undetect", UNDETECT);
            data.putDataset("data", new double[][] {{UNDETECT, 30.5}, {NODATA, -32.5}});
        }
        Frame frame = FrameReaders.byName("odim").read(file);
        assertThat(frame.quantity()).isEqualTo(Quantity.REFLECTIVITY);
        assertThat(frame.field().values()).containsExactly((float) OdimReader.REFLECTIVITY_FLOOR_DBZ, 30.5f, Float.NaN, -32.5f);
    }
}
