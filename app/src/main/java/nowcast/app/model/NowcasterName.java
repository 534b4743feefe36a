package nowcast.app.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import picocli.CommandLine;

import nowcast.model.Nowcasters;

/**
 * A nowcaster's name, checked when the command line is read: a typo is answered with the known names
 * ({@link Nowcasters#names()}), plus the command's own words ({@code auto}, {@code none}) where it has them.
 */
public class NowcasterName implements CommandLine.ITypeConverter<String> {

    private final List<String> extra;

    public NowcasterName() {
        this(List.of());
    }

    NowcasterName(List<String> extra) {
        this.extra = extra;
    }

    @Override
    public String convert(String value) {
        String name = value.trim().toLowerCase(Locale.ROOT);
        List<String> known = new ArrayList<>(Nowcasters.names());
        known.addAll(extra);
        if (!known.contains(name)) {
            throw new CommandLine.TypeConversionException("unknown nowcaster '" + value + "'; known: "
                    + String.join(", ", known));
        }
        return name;
    }

    /** The demo's names: the nowcasters and {@code auto}. */
    public static final class OrAuto extends NowcasterName {
        public OrAuto() {
            super(List.of("auto"));
        }
    }

    /** A fallback's names: the nowcasters and {@code none}. */
    public static final class OrNone extends NowcasterName {
        public OrNone() {
            super(List.of("none"));
        }
    }
}
