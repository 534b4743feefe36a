package nowcast.model.weights;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.Unpickler;

/**
 * Reads a PyTorch checkpoint written by {@code torch.save(model.state_dict())} in the zip format
 * (PyTorch 1.6 and later): {@code <stem>/data.pkl} is a pickled OrderedDict of
 * {@code _rebuild_tensor_v2(storage, offset, size, stride, ...)} calls whose storages are the raw
 * little-endian files {@code <stem>/data/<key>} (docs/spec/gs2pm.md section 13.3). A dict that wraps the
 * state_dict under "state_dict", "model" or "net" is unwrapped. Nothing but these torch globals is
 * constructed, so a malicious pickle cannot run code.
 */
public final class TorchCheckpoint {

    private TorchCheckpoint() {
    }

    private record StorageType(TensorType type) implements IObjectConstructor {
        @Override
        public Object construct(Object[] args) {
            throw new PickleException("torch storage types are not called");
        }
    }

    private record StorageRef(TensorType type, String key, long numel) {
    }

    private record TensorRef(StorageRef storage, long offset, long[] size, long[] stride) {
    }

    /** The pickled OrderedDict; BUILD attaches {@code _metadata}, which is not needed. */
    public static final class OrderedDict extends LinkedHashMap<Object, Object> {
        public void __setstate__(HashMap<?, ?> state) {
            // _metadata only records module versions
        }
    }

    static {
        Unpickler.registerConstructor("collections", "OrderedDict", args -> new OrderedDict());
        Unpickler.registerConstructor("torch._utils", "_rebuild_tensor_v2", TorchCheckpoint::rebuildTensor);
        Unpickler.registerConstructor("torch._utils", "_rebuild_parameter", args -> args[0]);
        Map<String, TensorType> storages = Map.of("FloatStorage", TensorType.FLOAT32, "DoubleStorage", TensorType.FLOAT64,
                "HalfStorage", TensorType.FLOAT16, "LongStorage", TensorType.INT64, "IntStorage", TensorType.INT32,
                "ByteStorage", TensorType.UINT8, "BoolStorage", TensorType.BOOL);
        storages.forEach((name, type) -> Unpickler.registerConstructor("torch", name, new StorageType(type)));
    }

    private static Object rebuildTensor(Object[] args) {
        if (args.length < 4 || !(args[0] instanceof StorageRef storage)) {
            throw new PickleException("unexpected _rebuild_tensor_v2 arguments " + Arrays.toString(args));
        }
        return new TensorRef(storage, ((Number) args[1]).longValue(), longs(args[2]), longs(args[3]));
    }

    private static long[] longs(Object tuple) {
        Object[] items = (Object[]) tuple;
        long[] out = new long[items.length];
        for (int i = 0; i < items.length; i++) {
            out[i] = ((Number) items[i]).longValue();
        }
        return out;
    }

    private static final class TorchUnpickler extends Unpickler {
        @Override
        protected Object persistentLoad(Object pid) {
            Object[] t = (Object[]) pid;
            if (t.length < 5 || !"storage".equals(t[0]) || !(t[1] instanceof StorageType st)) {
                throw new PickleException("unsupported persistent id " + Arrays.toString(t));
            }
            return new StorageRef(st.type(), String.valueOf(t[2]), ((Number) t[4]).longValue());
        }
    }

    /** Reads every tensor of the checkpoint, in file order, names as stored. */
    public static Map<String, NamedTensor> read(Path file) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            String stem = null;
            Map<String, ZipEntry> byName = new HashMap<>();
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                byName.put(e.getName(), e);
                if (e.getName().endsWith("/data.pkl") || e.getName().equals("data.pkl")) {
                    stem = e.getName().substring(0, e.getName().length() - "data.pkl".length());
                }
            }
            if (stem == null) {
                throw new IOException(file + ": no data.pkl inside; not a PyTorch zip checkpoint"
                        + " (a legacy pre-1.6 torch.save file is not supported: re-save it with a newer torch)");
            }
            Object root;
            TorchUnpickler unpickler = new TorchUnpickler();
            try (InputStream in = zip.getInputStream(byName.get(stem + "data.pkl"))) {
                root = unpickler.load(in);
            } catch (PickleException e) {
                throw new IOException(file + ": cannot read data.pkl: " + e.getMessage(), e);
            } finally {
                unpickler.close();
            }
            Map<?, ?> dict = unwrap(root, file);
            Map<String, NamedTensor> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : dict.entrySet()) {
                String name = String.valueOf(e.getKey());
                if (!(e.getValue() instanceof TensorRef ref)) {
                    throw new IOException(file + ": entry " + name + " is not a tensor but " + e.getValue());
                }
                ZipEntry data = byName.get(stem + "data/" + ref.storage().key());
                if (data == null) {
                    throw new IOException(file + ": tensor " + name + ": storage data/" + ref.storage().key() + " is missing");
                }
                out.put(name, materialise(zip, data, name, ref, file));
            }
            return out;
        } catch (ZipException e) {
            throw new IOException(file + ": not a readable PyTorch zip checkpoint, possibly truncated: " + e.getMessage(), e);
        }
    }

    private static Map<?, ?> unwrap(Object root, Path file) throws IOException {
        if (!(root instanceof Map<?, ?> map)) {
            throw new IOException(file + ": the pickle holds " + root.getClass().getSimpleName() + ", not a state_dict");
        }
        for (String key : List.of("state_dict", "model", "net")) {
            if (map.get(key) instanceof Map<?, ?> inner) {
                return inner;
            }
        }
        return map;
    }

    private static NamedTensor materialise(ZipFile zip, ZipEntry entry, String name, TensorRef ref, Path file) throws IOException {
        int es = ref.storage().type().bytes();
        byte[] storage;
        try (InputStream in = zip.getInputStream(entry)) {
            storage = in.readAllBytes();
        } catch (ZipException | java.io.EOFException e) {
            throw new IOException(file + ": tensor " + name + ": storage is truncated or damaged", e);
        }
        if (storage.length < ref.storage().numel() * es) {
            throw new IOException(file + ": tensor " + name + ": storage has " + storage.length + " bytes, needs "
                    + ref.storage().numel() * es);
        }
        long numel = NamedTensor.numel(ref.size());
        byte[] out = new byte[Math.toIntExact(numel * es)];
        if (isContiguous(ref) && (ref.offset() + numel) * es <= storage.length) {
            System.arraycopy(storage, (int) (ref.offset() * es), out, 0, out.length);
            return new NamedTensor(name, ref.storage().type(), ref.size(), out);
        }
        int rank = ref.size().length;
        long[] idx = new long[rank];
        for (long i = 0; i < numel; i++) {
            long src = ref.offset();
            for (int d = 0; d < rank; d++) {
                src += idx[d] * ref.stride()[d];
            }
            if ((src + 1) * es > storage.length) {
                throw new IOException(file + ": tensor " + name + " reads past its storage (offset " + ref.offset()
                        + ", size " + Arrays.toString(ref.size()) + ", stride " + Arrays.toString(ref.stride()) + ")");
            }
            System.arraycopy(storage, (int) (src * es), out, (int) (i * es), es);
            for (int d = rank - 1; d >= 0; d--) {
                if (++idx[d] < ref.size()[d]) {
                    break;
                }
                idx[d] = 0;
            }
        }
        return new NamedTensor(name, ref.storage().type(), ref.size(), out);
    }

    private static boolean isContiguous(TensorRef ref) {
        long expected = 1;
        for (int d = ref.size().length - 1; d >= 0; d--) {
            if (ref.size()[d] != 1 && ref.stride()[d] != expected) {
                return false;
            }
            expected *= ref.size()[d];
        }
        return true;
    }
}
