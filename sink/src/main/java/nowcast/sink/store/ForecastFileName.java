package nowcast.sink.store;

import java.util.regex.Pattern;

/** The names of the files inside one forecast folder; the only names a reader may ask for. */
public final class ForecastFileName {

    public static final String METADATA = "forecast.json";
    public static final String ARRAY = "forecast.npy";
    public static final String EXCEEDANCE = "exceedance.npy";
    private static final Pattern LEAD_PNG = Pattern.compile("lead-[0-9]{2,3}\\.png");
    private static final Pattern ACCUMULATION = Pattern.compile("accumulation-[0-9]{1,4}min\\.(npy|png)");
    private static final Pattern EXCEEDANCE_PNG = Pattern.compile("exceedance-[0-9]{1,2}-lead-[0-9]{2,3}\\.png");

    private ForecastFileName() {
    }

    /** Display image of lead {@code index} (1-based), e.g. {@code lead-01.png}. */
    public static String leadPng(int index) {
        return String.format("lead-%02d.png", index);
    }

    /** Rain accumulation over the next {@code minutes}, as {@code npy} or {@code png}. */
    public static String accumulation(int minutes, String extension) {
        return "accumulation-" + minutes + "min." + extension;
    }

    /** Exceedance probability of threshold {@code threshold} (1-based) at lead {@code lead} (1-based). */
    public static String exceedancePng(int threshold, int lead) {
        return String.format("exceedance-%d-lead-%02d.png", threshold, lead);
    }

    public static boolean isKnown(String name) {
        return name != null && (METADATA.equals(name) || ARRAY.equals(name) || EXCEEDANCE.equals(name)
                || LEAD_PNG.matcher(name).matches() || ACCUMULATION.matcher(name).matches()
                || EXCEEDANCE_PNG.matcher(name).matches());
    }

    public static String check(String name) {
        if (!isKnown(name)) {
            throw new IllegalArgumentException("file name '" + name + "' is not one of " + METADATA + ", " + ARRAY
                    + ", lead-NN.png, " + EXCEEDANCE + ", exceedance-T-lead-NN.png, accumulation-Mmin.npy/png");
        }
        return name;
    }

    public static String contentType(String name) {
        if (name.endsWith(".json")) {
            return "application/json";
        }
        if (name.endsWith(".png")) {
            return "image/png";
        }
        return "application/octet-stream";
    }
}
