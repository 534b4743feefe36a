package nowcast.model.weights;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads and writes the safetensors format (8-byte little-endian header length, JSON header with
 * dtype, shape and data offsets per tensor, then the raw little-endian data), as written and read
 * by the Python {@code safetensors} package.
 */
public final class SafeTensors {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_HEADER = 100L * 1024 * 1024;

    private SafeTensors() {
    }

    public static Map<String, NamedTensor> read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 8) {
                throw new IOException(file + ": truncated safetensors file (" + size + " bytes)");
            }
            ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, lenBuf, 0, file);
            long headerLen = lenBuf.flip().getLong();
            if (headerLen <= 0 || headerLen > MAX_HEADER || 8 + headerLen > size) {
                throw new IOException(file + ": not a safetensors file or truncated header (header length " + headerLen
                        + ", file size " + size + ")");
            }
            ByteBuffer headerBuf = ByteBuffer.allocate((int) headerLen);
            readFully(ch, headerBuf, 8, file);
            JsonNode header = JSON.readTree(new String(headerBuf.array(), StandardCharsets.UTF_8));
            long dataStart = 8 + headerLen;
            Map<String, NamedTensor> out = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> fields = header.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                if (f.getKey().equals("__metadata__")) {
                    continue;
                }
                String name = f.getKey();
                String where = file + " tensor " + name;
                TensorType type = TensorType.fromSafetensors(f.getValue().path("dtype").asText(), where);
                List<Long> dims = new ArrayList<>();
                f.getValue().path("shape").forEach(d -> dims.add(d.asLong()));
                long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
                JsonNode offsets = f.getValue().path("data_offsets");
                long begin = offsets.path(0).asLong(-1);
                long end = offsets.path(1).asLong(-1);
                long expected = NamedTensor.numel(shape) * type.bytes();
                if (begin < 0 || end - begin != expected) {
                    throw new IOException(where + ": data_offsets " + offsets + " do not fit shape " + dims + " of " + type);
                }
                if (dataStart + end > size) {
                    throw new IOException(where + ": truncated file: the tensor needs bytes up to " + (dataStart + end)
                            + " but the file has " + size);
                }
                ByteBuffer data = ByteBuffer.allocate(Math.toIntExact(expected));
                readFully(ch, data, dataStart + begin, file);
                out.put(name, new NamedTensor(name, type, shape, data.array()));
            }
            return out;
        }
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long pos, Path file) throws IOException {
        long p = pos;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, p);
            if (n < 0) {
                throw new IOException(file + ": unexpected end of file at byte " + p);
            }
            p += n;
        }
    }

    /** Writes the tensors in the given order, with string metadata in {@code __metadata__}. */
    public static void write(Path file, Iterable<NamedTensor> tensors, Map<String, String> metadata) throws IOException {
        ObjectNode header = JSON.createObjectNode();
        if (metadata != null && !metadata.isEmpty()) {
            ObjectNode meta = header.putObject("__metadata__");
            metadata.forEach(meta::put);
        }
        long offset = 0;
        List<NamedTensor> list = new ArrayList<>();
        for (NamedTensor t : tensors) {
            ObjectNode e = header.putObject(t.name());
            e.put("dtype", t.type().safetensorsName());
            ArrayNode shape = e.putArray("shape");
            for (long d : t.shape()) {
                shape.add(d);
            }
            ArrayNode offs = e.putArray("data_offsets");
            offs.add(offset);
            offset += t.data().length;
            offs.add(offset);
            list.add(t);
        }
        byte[] headerBytes = JSON.writeValueAsBytes(header);
        int pad = (8 - headerBytes.length % 8) % 8;
        byte[] padded = new byte[headerBytes.length + pad];
        System.arraycopy(headerBytes, 0, padded, 0, headerBytes.length);
        for (int i = headerBytes.length; i < padded.length; i++) {
            padded[i] = ' ';
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded.length).array());
            out.write(padded);
            for (NamedTensor t : list) {
                out.write(t.data());
            }
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
