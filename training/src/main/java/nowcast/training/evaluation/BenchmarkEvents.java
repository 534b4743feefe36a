package nowcast.training.evaluation;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The catalogue of real radar events the project trains and evaluates on (docs/evaluation.md,
 * "Event catalogue"): for each, the archive folder below the sample-data folder, the crop, the block,
 * the cadence, the thresholds and the role. The list lives here, in code, so that a run never depends
 * on a file outside the repository; only the radar files themselves are read from {@code radarDir}.
 */
public final class BenchmarkEvents {

    private static final float[] MM_H = {1, 5, 10};
    private static final float[] DBZ = {20, 30, 40};
    private static final Duration FIVE = Duration.ofMinutes(5);

    /** Name, format, folder, crop row and col, size, block, cadence, thresholds, role; in the catalogue's order. */
    private record Entry(String name, String format, String folder, int cropRow, int cropCol, int size, int block,
                         Duration cadence, float[] thresholds, EventRole role) {

        BenchmarkEvent under(Path radarDir) {
            return new BenchmarkEvent(name, format, radarDir.resolve(folder), cropRow, cropCol, size, block, cadence,
                    thresholds, role);
        }
    }

    private static final Map<String, Entry> CATALOGUE = new LinkedHashMap<>();

    static {
        add(new Entry("knmi_20100826", "knmi", "KNMI/2010/08", 284, 272, 256, 2, FIVE, MM_H, EventRole.TRAINING));
        add(new Entry("mch_20170131", "mch", "mch/20170131", 132, 300, 256, 2, FIVE, MM_H, EventRole.DEVELOPMENT));
        add(new Entry("fmi_20170509", "fmi", "fmi/pgm/20170509", 468, 336, 256, 2, FIVE, DBZ, EventRole.DEVELOPMENT));
        add(new Entry("bom_20180616", "bom", "bom/prcp-cscn/2/2018/06/16", 0, 0, 512, 4, Duration.ofMinutes(6), MM_H,
                EventRole.DEVELOPMENT));
        add(new Entry("opera_20180824", "odim", "OPERA/20180824", 1364, 960, 256, 2, Duration.ofMinutes(15), MM_H,
                EventRole.TRAINING));
        for (String folder : List.of("20180505_1745", "20181014_0515", "20190320_0005", "20190412_1220",
                "20191111_0710", "20200120_1440", "20200911_1315", "20230302_0245")) {
            add(new Entry("unica_" + folder, "unica", "unica/" + folder, 0, 0, 1024, 8, FIVE, DBZ, EventRole.TRAINING));
        }
    }

    private BenchmarkEvents() {
    }

    private static void add(Entry entry) {
        CATALOGUE.put(entry.name(), entry);
    }

    /** The names of every catalogued event, in catalogue order. */
    public static Set<String> names() {
        return new LinkedHashSet<>(CATALOGUE.keySet());
    }

    /** Every event, its archive resolved under the sample-data folder {@code radarDir}. */
    public static List<BenchmarkEvent> all(Path radarDir) {
        return CATALOGUE.values().stream().map(e -> e.under(radarDir)).toList();
    }

    /** The events of one role, in catalogue order. */
    public static List<BenchmarkEvent> withRole(Path radarDir, EventRole role) {
        return all(radarDir).stream().filter(e -> e.role() == role).toList();
    }

    /** One event by name; an unknown name is answered with the known ones. */
    public static BenchmarkEvent byName(Path radarDir, String name) {
        Entry entry = CATALOGUE.get(name == null ? "" : name.trim().toLowerCase(Locale.ROOT));
        if (entry == null) {
            throw new IllegalArgumentException("unknown event '" + name + "'; known events: "
                    + String.join(", ", CATALOGUE.keySet()));
        }
        return entry.under(radarDir);
    }

    /**
     * The events a selection names: {@code all}, a role ({@code training}, {@code development}) or
     * event names, comma-separated and mixable (e.g. {@code development,opera_20180824}); each event
     * once, in catalogue order.
     */
    public static List<BenchmarkEvent> select(Path radarDir, String selection) {
        if (selection == null || selection.isBlank()) {
            throw new IllegalArgumentException("no events selected; give all, training, development or event names ("
                    + String.join(", ", CATALOGUE.keySet()) + ")");
        }
        Set<String> chosen = new LinkedHashSet<>();
        for (String part : selection.split(",")) {
            String item = part.trim().toLowerCase(Locale.ROOT);
            if (item.isEmpty()) {
                continue;
            }
            switch (item) {
                case "all" -> chosen.addAll(CATALOGUE.keySet());
                case "training", "development" -> {
                    EventRole role = EventRole.valueOf(item.toUpperCase(Locale.ROOT));
                    CATALOGUE.values().stream().filter(e -> e.role() == role).forEach(e -> chosen.add(e.name()));
                }
                default -> chosen.add(byName(radarDir, item).name());
            }
        }
        List<BenchmarkEvent> out = new ArrayList<>();
        for (BenchmarkEvent event : all(radarDir)) {
            if (chosen.contains(event.name())) {
                out.add(event);
            }
        }
        return out;
    }
}
