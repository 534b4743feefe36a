package nowcast.sink.store;

import java.util.regex.Pattern;

/** The names of the files inside one forecast folder; the only names a reader may ask for. */
public final class ForecastFileName {

    public static final String METADATA = "forecast.json";
    public static final String ARRAY = "forecast.npy";
    private static final Pattern LEAD_PNG = Pattern.compile("lead-[0-9]{2,3}\\.png");

    private ForecastFileName() {
    }

    /** Display image of lead {@code index} (1-based), e.g. {@code lead-01.png}. */
    public static String leadPng(int index) {
        return String.format("lead-%02d.png", index);
    }

    public static boolean isKnown(String name) {
        return name != null && (METADATA.equals(name) || ARRAY.equals(name) || LEAD_PNG.matcher(name).matches());
    }

    public static String check(String name) {
        if (!isKnown(name)) {
            throw new IllegalArgumentException("file name '" + name + "' is not one of " + METADATA + ", " + ARRAY
                    + ", lead-NN.png");
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
