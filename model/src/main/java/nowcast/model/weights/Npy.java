package nowcast.model.weights;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads and writes numpy {@code .npy} arrays (format 1.0-3.0, little-endian, C order). */
public final class Npy {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']+)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {
    }

    public static NamedTensor read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.getFileName().toString().replaceFirst("\\.npy$", ""), file.toString());
        }
    }

    /** Reads one array; {@code where} names the source in error messages. */
    public static NamedTensor read(InputStream in, String name, String where) throws IOException {
        byte[] magic = in.readNBytes(8);
        if (magic.length < 8) {
            throw new IOException(where + ": truncated, not a .npy file (" + magic.length + " bytes)");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (magic[i] != MAGIC[i]) {
                throw new IOException(where + ": not a .npy file (bad magic)");
            }
        }
        int major = magic[6];
        int headerLen;
        if (major == 1) {
            byte[] l = in.readNBytes(2);
            headerLen = ByteBuffer.wrap(l).order(ByteOrder.LITTLE_ENDIAN).getShort() & 0xffff;
        } else {
            byte[] l = in.readNBytes(4);
            headerLen = ByteBuffer.wrap(l).order(ByteOrder.LITTLE_ENDIAN).getInt();
        }
        byte[] headerBytes = in.readNBytes(headerLen);
        if (headerBytes.length != headerLen) {
            throw new IOException(where + ": truncated .npy header");
        }
        String header = new String(headerBytes, major >= 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        TensorType type = TensorType.fromNumpy(find(DESCR, header, "descr", where), where);
        if (find(FORTRAN, header, "fortran_order", where).equals("True")) {
            throw new IOException(where + ": Fortran-order arrays are not supported; save with C order");
        }
        long[] shape = parseShape(find(SHAPE, header, "shape", where));
        long bytes = NamedTensor.numel(shape) * type.bytes();
        if (bytes > Integer.MAX_VALUE - 16) {
            throw new IOException(where + ": array of " + bytes + " bytes is too large (limit 2 GB)");
        }
        byte[] data = in.readNBytes((int) bytes);
        if (data.length != bytes) {
            throw new IOException(where + ": truncated: shape " + java.util.Arrays.toString(shape) + " needs " + bytes
                    + " data bytes, file has " + data.length);
        }
        return new NamedTensor(name, type, shape, data);
    }

    private static String find(Pattern p, String header, String key, String where) throws IOException {
        Matcher m = p.matcher(header);
        if (!m.find()) {
            throw new IOException(where + ": .npy header has no '" + key + "': " + header.trim());
        }
        return m.group(1);
    }

    private static long[] parseShape(String text) {
        List<Long> dims = new ArrayList<>();
        for (String part : text.split(",")) {
            String p = part.trim();
            if (!p.isEmpty()) {
                dims.add(Long.parseLong(p.replace("L", "")));
            }
        }
        return dims.stream().mapToLong(Long::longValue).toArray();
    }

    public static void write(Path file, NamedTensor tensor) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            write(out, tensor);
        }
    }

    public static void write(OutputStream out, NamedTensor tensor) throws IOException {
        long[] shape = tensor.shape();
        StringBuilder s = new StringBuilder();
        for (long d : shape) {
            s.append(d).append(", ");
        }
        String shapeText = shape.length == 1 ? shape[0] + "," : (shape.length == 0 ? "" : s.substring(0, s.length() - 2));
        String dict = "{'descr': '" + tensor.type().numpyDescr() + "', 'fortran_order': False, 'shape': (" + shapeText + "), }";
        int total = MAGIC.length + 2 + 2 + dict.length() + 1;
        int pad = (64 - total % 64) % 64;
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        header.write(MAGIC);
        header.write(1);
        header.write(0);
        int len = dict.length() + pad + 1;
        header.write(len & 0xff);
        header.write((len >>> 8) & 0xff);
        header.write(dict.getBytes(StandardCharsets.ISO_8859_1));
        header.write(" ".repeat(pad).getBytes(StandardCharsets.ISO_8859_1));
        header.write('\n');
        out.write(header.toByteArray());
        out.write(tensor.data());
    }
}
