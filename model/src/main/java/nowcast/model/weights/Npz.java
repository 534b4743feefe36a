package nowcast.model.weights;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/** Reads numpy {@code .npz} archives (stored or deflated); the entry name without ".npy" is the tensor name. */
public final class Npz {

    private Npz() {
    }

    public static Map<String, NamedTensor> read(Path file) throws IOException {
        Map<String, NamedTensor> out = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                if (e.isDirectory()) {
                    continue;
                }
                String name = e.getName().endsWith(".npy") ? e.getName().substring(0, e.getName().length() - 4) : e.getName();
                try (InputStream in = zip.getInputStream(e)) {
                    out.put(name, Npy.read(in, name, file + " entry " + e.getName()));
                } catch (ZipException | java.io.EOFException ex) {
                    throw new IOException(file + ": entry " + e.getName() + " is damaged or truncated: " + ex.getMessage(), ex);
                }
            }
        } catch (ZipException e) {
            throw new IOException(file + ": not a readable .npz (zip) file, possibly truncated: " + e.getMessage(), e);
        }
        return out;
    }
}
