package nowcast.ingestion.readers;

import java.io.BufferedReader;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import nowcast.frame.Frame;
import nowcast.frame.PhysicalField;
import nowcast.frame.Quantisation;
import nowcast.frame.Quantity;
import nowcast.frame.VilPixelScale;

/**
 * SEVIR VIL events: {@code CATALOG.csv} (columns {@code id, file_name, file_index, img_type, time_utc} and,
 * when present, {@code minute_offsets}) selects the rows of type {@code vil}; each names an event at
 * {@code file_index} in an HDF5 file whose {@code vil} dataset is N x 384 x 384 x 49 uint8. Every event is
 * its own source ({@code <sourceId>:<id>}); frame t is at {@code time_utc + minute_offsets[t]}
 * (5-minute steps from {@code time_utc} without offsets). Files are found under {@code <root>/data/} or
 * {@code <root>/}. Pixels are decoded to kg/m2 by {@link VilPixelScale}.
 */
final class SevirReader implements FrameReader {

    static final String NAME = "sevir";
    static final String CATALOG = "CATALOG.csv";
    /** {@link FrameLocation#index()} = file_index x STRIDE + frame, so one int names the event and the frame. */
    static final int STRIDE = 1024;
    static final int DEFAULT_FRAMES = 49;
    private static final Duration CADENCE = Duration.ofMinutes(5);
    private static final long MAX_CATALOG_BYTES = 512L * 1024 * 1024;

    private final ReaderOptions options;
    private final Object cacheLock = new Object();
    private EventSlab cached;

    SevirReader(ReaderOptions options) {
        this.options = options;
    }

    @Override
    public String format() {
        return NAME;
    }

    @Override
    public List<FrameLocation> scan(Path root, Consumer<BadFrameException> rejected) throws IOException {
        Path catalog = Files.isDirectory(root) ? root.resolve(CATALOG) : root;
        Path base = catalog.getParent() == null ? Path.of(".") : catalog.getParent();
        if (!Files.isRegularFile(catalog)) {
            throw new BadFrameException(catalog, "SEVIR catalogue not found (expected " + CATALOG + " in " + root + ")");
        }
        if (Files.size(catalog) > MAX_CATALOG_BYTES) {
            throw new BadFrameException(catalog, "catalogue larger than " + MAX_CATALOG_BYTES + " bytes");
        }
        List<FrameLocation> out = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(catalog)) {
            String headerLine = in.readLine();
            if (headerLine == null) {
                throw new BadFrameException(catalog, "empty catalogue");
            }
            Map<String, Integer> header = new HashMap<>();
            List<String> names = CsvLine.split(headerLine);
            for (int i = 0; i < names.size(); i++) {
                header.put(names.get(i).trim().toLowerCase(Locale.ROOT), i);
            }
            for (String required : List.of("id", "file_name", "file_index", "img_type", "time_utc")) {
                if (!header.containsKey(required)) {
                    throw new BadFrameException(catalog, "catalogue has no column '" + required + "' (columns: " + names + ")");
                }
            }
            String line;
            int lineNo = 1;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                List<String> row = CsvLine.split(line);
                try {
                    if (!"vil".equalsIgnoreCase(field(row, header, "img_type"))) {
                        continue;
                    }
                    out.addAll(event(catalog, base, lineNo, row, header));
                } catch (BadFrameException e) {
                    rejected.accept(e);
                }
            }
        }
        out.sort(null);
        return out;
    }

    private List<FrameLocation> event(Path catalog, Path base, int lineNo, List<String> row, Map<String, Integer> header)
            throws BadFrameException {
        String where = catalog + " line " + lineNo;
        String id = field(row, header, "id");
        String fileName = field(row, header, "file_name");
        Path file = Files.exists(base.resolve("data").resolve(fileName)) ? base.resolve("data").resolve(fileName)
                : base.resolve(fileName);
        int fileIndex;
        try {
            fileIndex = Integer.parseInt(field(row, header, "file_index").trim());
        } catch (NumberFormatException e) {
            throw new BadFrameException(file, where + ": file_index is not an integer");
        }
        if (fileIndex < 0 || fileIndex > Integer.MAX_VALUE / STRIDE - 1) {
            throw new BadFrameException(file, where + ": file_index " + fileIndex + " out of range");
        }
        Instant time = parseTime(file, where, field(row, header, "time_utc"));
        List<Integer> offsets = new ArrayList<>();
        String minuteOffsets = header.containsKey("minute_offsets") ? field(row, header, "minute_offsets") : "";
        if (!minuteOffsets.isBlank()) {
            for (String o : minuteOffsets.trim().split(":")) {
                try {
                    offsets.add(Integer.parseInt(o.trim()));
                } catch (NumberFormatException e) {
                    throw new BadFrameException(file, where + ": minute_offsets '" + minuteOffsets + "' are not integers");
                }
            }
        } else {
            for (int t = 0; t < DEFAULT_FRAMES; t++) {
                offsets.add(t * (int) CADENCE.toMinutes());
            }
        }
        if (offsets.size() > STRIDE) {
            throw new BadFrameException(file, where + ": more than " + STRIDE + " frames in one event");
        }
        String source = options.sourceIdOr(NAME) + ":" + id.trim();
        List<FrameLocation> out = new ArrayList<>();
        for (int t = 0; t < offsets.size(); t++) {
            out.add(new FrameLocation(file, time.plus(Duration.ofMinutes(offsets.get(t))), source, fileIndex * STRIDE + t));
        }
        return out;
    }

    private static Instant parseTime(Path file, String where, String text) throws BadFrameException {
        String t = text.trim();
        try {
            if (t.endsWith("Z")) {
                return Instant.parse(t);
            }
            return LocalDateTime.parse(t.replace('T', ' '), DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm[:ss]"))
                    .toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new BadFrameException(file, where + ": time_utc '" + text + "' is not 'yyyy-MM-dd HH:mm:ss'");
        }
    }

    private static String field(List<String> row, Map<String, Integer> header, String name) {
        int i = header.get(name);
        return i < row.size() ? row.get(i) : "";
    }

    @Override
    public Frame read(FrameLocation location) throws IOException {
        Path file = location.path();
        if (location.index() < 0) {
            throw new BadFrameException(file, "a SEVIR frame needs an event index; locate it through " + CATALOG);
        }
        int fileIndex = location.index() / STRIDE;
        int t = location.index() % STRIDE;
        EventSlab slab = slab(file, fileIndex);
        if (t >= slab.frames) {
            throw new BadFrameException(file, "frame " + t + " requested but the event has " + slab.frames + " frames");
        }
        int rows = slab.rows;
        int cols = slab.cols;
        float[] values = new float[rows * cols];
        int[] histogram = new int[256];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int p = slab.pixels[(r * cols + c) * slab.frames + t];
                histogram[p]++;
                values[r * cols + c] = (float) VilPixelScale.kgPerM2(p);
            }
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("sevir_file_index", String.valueOf(fileIndex));
        attributes.put("sevir_frame", String.valueOf(t));
        attributes.put("pixel_scale", "sevir-vil-uint8");
        StringBuilder thresholds = new StringBuilder();
        for (int p : VilPixelScale.PIXEL_THRESHOLDS) {
            thresholds.append(thresholds.isEmpty() ? "" : ",").append(p).append('=')
                    .append(String.format(Locale.ROOT, "%.4f", VilPixelScale.kgPerM2(p)));
        }
        attributes.put("pixel_thresholds_kg_m2", thresholds.toString());
        return new Frame(location.sourceId(), location.time(), options.cadenceOr(CADENCE), "sevir-vil",
                PhysicalField.single(Quantity.VIL, rows, cols, values), Quantisation.float32(), null, file.toString(),
                attributes);
    }

    private record EventSlab(Path file, int fileIndex, int rows, int cols, int frames, int[] pixels) {
    }

    /** One event (all its frames) is read at once, since replay asks for its frames one after another. */
    private EventSlab slab(Path file, int fileIndex) throws IOException {
        synchronized (cacheLock) {
            if (cached != null && cached.file.equals(file) && cached.fileIndex == fileIndex) {
                return cached;
            }
        }
        EventSlab slab;
        try (HdfFile hdf = new HdfFile(file)) {
            Dataset vil = Hdf5Attributes.node(hdf, "vil").filter(Dataset.class::isInstance).map(Dataset.class::cast)
                    .orElseThrow(() -> new BadFrameException(file, "no dataset /vil (not a SEVIR VIL file)"));
            int[] dims = vil.getDimensions();
            if (dims.length != 4) {
                throw new BadFrameException(file, "/vil must be N x H x W x T, has " + dims.length + " dimensions");
            }
            if (fileIndex >= dims[0]) {
                throw new BadFrameException(file, "file_index " + fileIndex + " but /vil holds " + dims[0] + " events");
            }
            options.checkSize(file, dims[1], dims[2], dims[3]);
            Object data = vil.getData(new long[] {fileIndex, 0, 0, 0}, new int[] {1, dims[1], dims[2], dims[3]});
            int[] pixels = new int[dims[1] * dims[2] * dims[3]];
            int n = flatten(data, pixels, 0);
            if (n != pixels.length) {
                throw new BadFrameException(file, "/vil slice has " + n + " values, expected " + pixels.length);
            }
            slab = new EventSlab(file, fileIndex, dims[1], dims[2], dims[3], pixels);
        } catch (BadFrameException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new BadFrameException(file, "not a readable SEVIR HDF5 file: " + e.getMessage(), e);
        }
        synchronized (cacheLock) {
            cached = slab;
        }
        return slab;
    }

    /** Copies a nested jhdf array into {@code out} as unsigned pixel values; returns the next free position. */
    private static int flatten(Object array, int[] out, int at) {
        Object first = Array.getLength(array) == 0 ? null : Array.get(array, 0);
        if (first != null && first.getClass().isArray()) {
            for (int i = 0; i < Array.getLength(array); i++) {
                at = flatten(Array.get(array, i), out, at);
            }
            return at;
        }
        int n = Array.getLength(array);
        for (int i = 0; i < n && at < out.length; i++) {
            int v = (int) Hdf5Attributes.element(array, i, true);
            out[at++] = Math.max(0, Math.min(255, v));
        }
        return at;
    }
}
