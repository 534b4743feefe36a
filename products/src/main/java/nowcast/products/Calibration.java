package nowcast.products;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import nowcast.frame.Quantity;

/**
 * How a neighbourhood fraction becomes a probability. The neighbourhood grows with lead time (half-width
 * {@code round(halfWidthAt0 + halfWidthPerHour * lead/60 min)} pixels), and the fraction f goes through
 * Platt scaling per quantity, p = 1 / (1 + exp(-(a + b logit(f)))), with f clipped to [epsilon, 1 - epsilon] so that
 * "no exceedance nearby" still has a small probability. One (a, b) pair per threshold rank and lead band
 * (leads up to {@code maxLeadMinutes}); fitted on the development events by {@code nowcast evaluate
 * --products --fit-calibration FILE} (docs/subscribers.md). The identity (a = 0, b = 1) is the raw fraction.
 * Where the forecast has no exceedance within {@link #outerHalfWidth} pixels, the probability is 0.
 */
public record Calibration(String name, double halfWidthAt0, double halfWidthPerHour, double epsilon,
                          List<Band> bands) {

    /**
     * How much farther than the neighbourhood the forecast must have no exceedance at all for the
     * probability to be 0: far from any forecast exceedance, a threshold is not reached (this keeps the
     * calibration's small "from nowhere" probability away from events much rarer than those it was
     * fitted on).
     */
    public static final int OUTER_FACTOR = 3;

    public static final String FORMAT = "nowcast-exceedance-calibration/1";
    private static final String RESOURCE = "/nowcast/products/calibration.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * Platt coefficients of one quantity's threshold rank for leads up to {@code maxLeadMinutes}
     * ({@code quantity} null: any quantity). A quantity without a band of its own gets the raw
     * fractions: a fit on rain rates does not carry over to reflectivity.
     */
    public record Band(Quantity quantity, int rank, int maxLeadMinutes, double a, double b) {
    }

    public Calibration {
        if (!(epsilon > 0 && epsilon < 0.5)) {
            throw new IllegalArgumentException("epsilon must be in (0, 0.5), got " + epsilon);
        }
        bands = bands.stream().sorted(Comparator.comparing((Band b) -> b.quantity() == null ? "" : b.quantity().name())
                .thenComparingInt(Band::rank).thenComparingInt(Band::maxLeadMinutes)).toList();
    }

    /** The lead bands the fit uses: 10-minute steps up to an hour, later leads use the last. */
    public static final List<Integer> LEAD_BANDS = List.of(10, 20, 30, 40, 50, 60);

    /** Raw neighbourhood fractions, no scaling: the starting point of a fit. */
    public static Calibration identity(double halfWidthAt0, double halfWidthPerHour) {
        return new Calibration("identity", halfWidthAt0, halfWidthPerHour, 0.0025, List.of());
    }

    /** The calibration shipped with the project (fitted on the development events). */
    public static Calibration shipped() {
        try (InputStream in = Calibration.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("calibration resource " + RESOURCE + " is missing from the jar");
            }
            return parse(JSON.readTree(in), RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    public static Calibration read(Path file) throws IOException {
        return parse(JSON.readTree(Files.readAllBytes(file)), file.toString());
    }

    private static Calibration parse(JsonNode n, String where) {
        if (!FORMAT.equals(n.path("format").asText())) {
            throw new IllegalArgumentException(where + " is not a " + FORMAT + " file (format '"
                    + n.path("format").asText() + "')");
        }
        List<Band> bands = new ArrayList<>();
        for (JsonNode b : n.path("bands")) {
            String q = b.path("quantity").asText("");
            bands.add(new Band(q.isEmpty() ? null : Quantity.valueOf(q), b.path("rank").asInt(),
                    b.path("maxLeadMinutes").asInt(), b.path("a").asDouble(), b.path("b").asDouble(1)));
        }
        JsonNode nb = n.path("neighbourhood");
        return new Calibration(n.path("name").asText("unnamed"), nb.path("halfWidthAt0").asDouble(1),
                nb.path("halfWidthPerHour").asDouble(6), n.path("epsilon").asDouble(0.0025), bands);
    }

    public byte[] toJson(String provenance) {
        ObjectNode n = JSON.createObjectNode();
        n.put("format", FORMAT).put("name", name).put("provenance", provenance).put("epsilon", epsilon);
        n.putObject("neighbourhood").put("halfWidthAt0", halfWidthAt0).put("halfWidthPerHour", halfWidthPerHour);
        ArrayNode arr = n.putArray("bands");
        for (Band b : bands) {
            arr.addObject().put("quantity", b.quantity() == null ? null : b.quantity().name()).put("rank", b.rank())
                    .put("maxLeadMinutes", b.maxLeadMinutes()).put("a", b.a()).put("b", b.b());
        }
        try {
            return JSON.writeValueAsBytes(n);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Neighbourhood half-width in pixels at a lead time. */
    public int halfWidth(double leadMinutes) {
        return (int) Math.max(0, Math.round(halfWidthAt0 + halfWidthPerHour * leadMinutes / 60));
    }

    /** Half-width of the square that must hold no forecast exceedance for a probability of 0. */
    public int outerHalfWidth(double leadMinutes) {
        return OUTER_FACTOR * Math.max(1, halfWidth(leadMinutes));
    }

    /** The lead band (its upper end in minutes) that a lead falls into. */
    public static int leadBand(double leadMinutes) {
        for (int band : LEAD_BANDS) {
            if (leadMinutes <= band + 1e-9) {
                return band;
            }
        }
        return LEAD_BANDS.get(LEAD_BANDS.size() - 1);
    }

    /** The probability for a neighbourhood fraction; NaN stays NaN. */
    public float probability(Quantity quantity, int rank, double leadMinutes, float fraction) {
        if (Float.isNaN(fraction)) {
            return Float.NaN;
        }
        Band band = band(quantity, rank, leadBand(leadMinutes));
        if (band == null) {
            return fraction;
        }
        return (float) platt(band.a(), band.b(), logit(fraction));
    }

    /** logit of the fraction clipped to [epsilon, 1 - epsilon]. */
    double logit(double fraction) {
        double f = Math.max(epsilon, Math.min(1 - epsilon, fraction));
        return Math.log(f / (1 - f));
    }

    static double platt(double a, double b, double x) {
        return 1 / (1 + Math.exp(-(a + b * x)));
    }

    private Band band(Quantity quantity, int rank, int leadBand) {
        Band best = null;
        for (Band b : bands) {
            if ((b.quantity() == null || b.quantity() == quantity) && b.maxLeadMinutes() == leadBand
                    && b.rank() <= rank && (best == null || b.rank() > best.rank())) {
                best = b;
            }
        }
        return best;
    }
}
