package nowcast.model.device;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which malloc serves PyTorch's CPU tensors in this process. GS2PM on the CPU allocates large fresh
 * tensors in every layer; glibc maps and unmaps them each time and the page faults cost as much as
 * the arithmetic, while jemalloc that keeps its freed pages reuses them (docs/model.md, "Speed").
 * The allocator is chosen when the process starts ({@code LD_PRELOAD}, which {@code bin/nowcast}
 * and the images set), so all this class can do is say which one it got.
 */
public final class NativeAllocator {

    private static final Logger LOG = LoggerFactory.getLogger(NativeAllocator.class);
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private NativeAllocator() {
    }

    /** The jemalloc library mapped into this process, if any (Linux; empty elsewhere). */
    public static Optional<String> jemalloc() {
        Path maps = Path.of("/proc/self/maps");
        if (!Files.isReadable(maps)) {
            return Optional.empty();
        }
        try (Stream<String> lines = Files.lines(maps)) {
            return lines.filter(l -> l.contains("libjemalloc")).map(l -> l.substring(l.indexOf('/'))).findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** One line for logs and benchmark output. */
    public static String describe() {
        return jemalloc().map(lib -> "jemalloc (" + lib + ", MALLOC_CONF=" + System.getenv("MALLOC_CONF") + ")")
                .orElse("the C library's malloc (GS2PM on the CPU runs about 2x slower: start with bin/nowcast, docs/model.md)");
    }

    /** Logs once per process when GS2PM is about to run on the CPU without jemalloc. */
    public static void warnIfSlowForCpu() {
        if (jemalloc().isEmpty() && Files.isReadable(Path.of("/proc/self/maps")) && WARNED.compareAndSet(false, true)) {
            LOG.warn("GS2PM runs on the CPU with the C library's malloc, about 2x slower than with jemalloc; "
                    + "start nowcast with bin/nowcast (which preloads Debian's libjemalloc2), see docs/model.md");
        }
    }
}
