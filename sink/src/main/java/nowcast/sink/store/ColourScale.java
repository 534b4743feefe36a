package nowcast.sink.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import nowcast.frame.Quantity;
import nowcast.frame.VilPixelScale;

/**
 * How a physical value becomes a display colour. Either discrete bands (a value at or above a band's
 * lower bound and below the next takes that band's colour; below the first band is transparent) or a
 * continuous grey ramp between {@code min} and {@code max}. No data (NaN) is {@link #NO_DATA_ARGB}.
 * {@code scaleName} says on which scale the bounds are given (VIL: the SEVIR pixel scale).
 */
public record ColourScale(String name, Quantity quantity, String scaleName, List<Band> bands, double min,
                          double max) {

    /** Semi-transparent grey for pixels that were not measured. */
    public static final int NO_DATA_ARGB = 0x80808080;

    /** Colours values {@code >= from}; {@code rgb} is 0xRRGGBB. */
    public record Band(double from, int rgb) {
        public String hex() {
            return String.format("#%06x", rgb);
        }
    }

    /** A band as the JSON documents (legend, {@code forecast.json}) give it: from where, which {@code #rrggbb}. */
    public record LegendBand(double from, String colour) {
    }

    public ColourScale {
        Objects.requireNonNull(name, "name");
        bands = List.copyOf(bands);
    }

    /** The bands as the JSON documents give them. */
    public List<LegendBand> legend() {
        return bands.stream().map(b -> new LegendBand(b.from(), b.hex())).toList();
    }

    public boolean continuous() {
        return bands.isEmpty();
    }

    /** ARGB colour of a physical value (in the quantity's unit). */
    public int argb(float physical) {
        if (Float.isNaN(physical)) {
            return NO_DATA_ARGB;
        }
        double v = quantity == Quantity.VIL ? VilPixelScale.fromKgPerM2(physical) : physical;
        if (continuous()) {
            double t = Math.max(0, Math.min(1, (v - min) / (max - min)));
            int g = (int) Math.round(t * 255);
            return 0xff000000 | (g << 16) | (g << 8) | g;
        }
        int colour = 0;
        for (Band b : bands) {
            if (v >= b.from()) {
                colour = 0xff000000 | b.rgb();
            } else {
                break;
            }
        }
        return colour;
    }

    static ColourScale bands(String name, Quantity quantity, String scaleName, double[] from, int[] rgb) {
        List<Band> list = new ArrayList<>();
        for (int i = 0; i < from.length; i++) {
            list.add(new Band(from[i], rgb[i]));
        }
        return new ColourScale(name, quantity, scaleName, list, from[0], from[from.length - 1]);
    }
}
