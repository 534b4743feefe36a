package nowcast.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Assumptions;

import nowcast.ingestion.readers.FrameReaders;

/**
 * The sample radar archives of {@code ../shared/data/radar} and the reader each needs. {@code bom} and
 * {@code unica} have no reader yet: when one lands under the format name given here (or the name here is
 * changed to its name), every test that walks this list covers that archive too.
 */
public record SampleArchive(String folder, String format, boolean beyondDefaultLimit) {

    public static final List<SampleArchive> ALL = List.of(
            new SampleArchive("KNMI", "knmi", false),
            new SampleArchive("fmi", "fmi", false),
            new SampleArchive("mch", "mch", false),
            // the 2200x1900 ODYSSEY rain-rate composite
            new SampleArchive("OPERA/20180824", "odim", false),
            new SampleArchive("OPERA/20241126/NIMBUS", "odim", false),
            // 4400x3800 reflectivity at 1 km: about 1.7 MB after lossless compression, beyond Kafka's 1 MB
            new SampleArchive("OPERA/20241126/CIRRUS", "odim", true),
            new SampleArchive("bom", "bom", false),
            new SampleArchive("unica", "unica", false));

    /** The shared radar folder, or the test is skipped with a message saying where it was looked for. */
    public static Path radarRoot() {
        Path root = Path.of(System.getProperty("nowcast.shared.dir", "../../shared"), "data", "radar");
        Assumptions.assumeTrue(Files.isDirectory(root), "skipped: no sample radar data at " + root.toAbsolutePath()
                + " (set -Dnowcast.shared.dir to the shared folder)");
        return root;
    }

    /** This archive's folder; the test is skipped when the folder or its reader is missing. */
    public Path path() {
        Path p = radarRoot().resolve(folder);
        Assumptions.assumeTrue(Files.isDirectory(p), "skipped: sample archive " + p + " is missing");
        Assumptions.assumeTrue(FrameReaders.names().contains(format), "skipped: " + folder + " needs a reader named '"
                + format + "', which this build does not have yet (readers: " + String.join(", ", FrameReaders.names())
                + "); add it to FrameReaders, or correct the name in SampleArchive.ALL");
        return p;
    }

    @Override
    public String toString() {
        return folder + " (" + format + ")";
    }
}
