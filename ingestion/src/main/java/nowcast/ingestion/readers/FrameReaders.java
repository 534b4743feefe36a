package nowcast.ingestion.readers;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** The registry of {@link FrameReader}s by format name; an unknown name is answered with the known ones. */
public final class FrameReaders {

    private static final Map<String, Function<ReaderOptions, FrameReader>> FORMATS = new LinkedHashMap<>();

    static {
        FORMATS.put(KnmiReader.NAME, KnmiReader::new);
        FORMATS.put(OdimReader.NAME, OdimReader::new);
        FORMATS.put(MchGifReader.NAME, MchGifReader::new);
        FORMATS.put(FmiPgmReader.NAME, FmiPgmReader::new);
        FORMATS.put(BomRainfieldsReader.NAME, BomRainfieldsReader::new);
        FORMATS.put(UnicaPngReader.NAME, UnicaPngReader::new);
        FORMATS.put(Hko7Reader.NAME, Hko7Reader::new);
        FORMATS.put(SevirReader.NAME, SevirReader::new);
        FORMATS.put(Gs2pmSampleReader.NAME, Gs2pmSampleReader::new);
        FORMATS.put(ImageSequenceReader.NAME, ImageSequenceReader::new);
    }

    private FrameReaders() {
    }

    /** The reader for a format, with default options (source id = format name). */
    public static FrameReader byName(String format) {
        return byName(format, ReaderOptions.defaults());
    }

    public static FrameReader byName(String format, ReaderOptions options) {
        String key = format == null ? "" : format.trim().toLowerCase(Locale.ROOT);
        Function<ReaderOptions, FrameReader> factory = FORMATS.get(key);
        if (factory == null) {
            throw new IllegalArgumentException("unknown radar format '" + format + "'; known formats: "
                    + String.join(", ", FORMATS.keySet()));
        }
        return factory.apply(options);
    }

    public static Set<String> names() {
        return FORMATS.keySet();
    }
}
