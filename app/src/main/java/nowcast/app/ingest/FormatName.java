package nowcast.app.ingest;

import java.util.Locale;

import picocli.CommandLine;

import nowcast.ingestion.readers.FrameReaders;

/** A reader's format name, checked when the command line is read: a typo is answered with the known names. */
public final class FormatName implements CommandLine.ITypeConverter<String> {

    @Override
    public String convert(String value) {
        String name = value.trim().toLowerCase(Locale.ROOT);
        if (!FrameReaders.names().contains(name)) {
            throw new CommandLine.TypeConversionException("unknown format '" + value + "'; known formats: "
                    + String.join(", ", FrameReaders.names()));
        }
        return name;
    }
}
