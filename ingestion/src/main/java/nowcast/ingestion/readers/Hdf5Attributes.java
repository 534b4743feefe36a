package nowcast.ingestion.readers;

import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.Optional;

import io.jhdf.api.Attribute;
import io.jhdf.api.Group;
import io.jhdf.api.Node;

/**
 * Reads HDF5 attributes the way radar products write them: numbers as scalars of any width or as
 * one-element arrays (KNMI), strings as scalars or one-element arrays.
 */
final class Hdf5Attributes {

    private Hdf5Attributes() {
    }

    static Optional<Node> node(Group root, String path) {
        try {
            return Optional.ofNullable(root.getByPath(path));
        } catch (RuntimeException notThere) {
            return Optional.empty();
        }
    }

    static Optional<Object> raw(Node node, String name) {
        Attribute attribute = node.getAttribute(name);
        if (attribute == null || attribute.isEmpty()) {
            return Optional.empty();
        }
        Object data = attribute.getData();
        if (data != null && data.getClass().isArray()) {
            data = Array.getLength(data) == 0 ? null : Array.get(data, 0);
        }
        return Optional.ofNullable(data);
    }

    static Optional<Double> number(Node node, String name) {
        return raw(node, name).map(v -> {
            if (v instanceof Number n) {
                return n.doubleValue();
            }
            try {
                return Double.parseDouble(v.toString().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        });
    }

    static Optional<String> string(Node node, String name) {
        return raw(node, name).map(Object::toString).map(String::trim);
    }

    static double requireNumber(Path file, Node node, String name) throws BadFrameException {
        return number(node, name).orElseThrow(() -> new BadFrameException(file,
                "attribute " + node.getPath() + "@" + name + " is missing or not a number"));
    }

    static String requireString(Path file, Node node, String name) throws BadFrameException {
        return string(node, name).orElseThrow(() -> new BadFrameException(file,
                "attribute " + node.getPath() + "@" + name + " is missing"));
    }

    /** Any element of a jhdf flat numeric array as a double; unsigned 8-bit data read as signed bytes is unwrapped. */
    static double element(Object flat, int i, boolean unsignedBytes) {
        if (flat instanceof double[] d) {
            return d[i];
        }
        if (flat instanceof float[] f) {
            return f[i];
        }
        if (flat instanceof int[] n) {
            return n[i];
        }
        if (flat instanceof short[] s) {
            return s[i];
        }
        if (flat instanceof long[] l) {
            return l[i];
        }
        if (flat instanceof byte[] b) {
            return unsignedBytes ? b[i] & 0xFF : b[i];
        }
        throw new IllegalArgumentException("unsupported HDF5 element array " + flat.getClass().getSimpleName());
    }
}
