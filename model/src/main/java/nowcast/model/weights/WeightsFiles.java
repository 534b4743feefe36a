package nowcast.model.weights;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a file of named tensors, whatever its format: {@code .safetensors}, numpy {@code .npz},
 * or a PyTorch {@code .pth}/{@code .pt} zip checkpoint. The format is chosen by content, so a
 * misnamed file still loads. A {@code module.} prefix (left by DataParallel) is stripped.
 */
public final class WeightsFiles {

    private WeightsFiles() {
    }

    public static Map<String, NamedTensor> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "weights file not found");
        }
        Map<String, NamedTensor> raw = switch (detect(file)) {
            case "safetensors" -> SafeTensors.read(file);
            case "zip" -> isTorchZip(file) ? TorchCheckpoint.read(file) : Npz.read(file);
            default -> throw new IOException(file + ": unknown weights format; expected .safetensors, .npz or a PyTorch zip .pth");
        };
        return stripModulePrefix(raw);
    }

    private static String detect(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(9);
            if (head.length >= 2 && head[0] == 'P' && head[1] == 'K') {
                return "zip";
            }
            if (head.length == 9 && head[8] == '{') {
                return "safetensors";
            }
        }
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".safetensors")) {
            return "safetensors";
        }
        return "unknown";
    }

    private static boolean isTorchZip(Path file) throws IOException {
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file.toFile())) {
            return zip.stream().anyMatch(e -> e.getName().endsWith("data.pkl"));
        } catch (java.util.zip.ZipException e) {
            throw new IOException(file + ": damaged or truncated zip archive: " + e.getMessage(), e);
        }
    }

    static Map<String, NamedTensor> stripModulePrefix(Map<String, NamedTensor> raw) {
        boolean all = !raw.isEmpty() && raw.keySet().stream().allMatch(k -> k.startsWith("module."));
        if (!all) {
            return raw;
        }
        Map<String, NamedTensor> out = new LinkedHashMap<>();
        raw.forEach((k, v) -> out.put(k.substring("module.".length()), v.withName(k.substring("module.".length()))));
        return out;
    }
}
