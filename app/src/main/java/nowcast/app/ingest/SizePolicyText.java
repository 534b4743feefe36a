package nowcast.app.ingest;

import picocli.CommandLine;

import nowcast.ingestion.producer.FrameSizePolicy;

/** A frame size policy as written on the command line, checked when it is read (the error lists the forms). */
public final class SizePolicyText implements CommandLine.ITypeConverter<String> {

    @Override
    public String convert(String value) {
        try {
            FrameSizePolicy.parse(value);
            return value;
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
