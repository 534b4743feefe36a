package nowcast.app.console;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * Routes libtorch's own notices through the logger. libtorch (c10) writes its warnings straight to the
 * process's file descriptor 2, e.g. {@code [W1206 05:07:24.598 LegacyTypeDispatch.h:74] Warning:
 * AutoNonVariableTypeMode is deprecated ...}, which no Java logging setting reaches. Installed, descriptor 2
 * becomes a pipe read by a thread that sends lines in libtorch's format to the logger {@value #LOGGER}
 * (deprecation notices, which address DJL's native code and not the user, at DEBUG; other warnings at WARN,
 * errors at ERROR) and copies every other line unchanged to the real standard error. Java's own
 * {@code System.err} writes to the real standard error directly, so log output keeps its order and timing.
 * At exit the pipe is closed and drained, so nothing written before is lost; native output written in
 * the instant before a hard crash (abort) can be. {@code NOWCAST_NATIVE_STDERR=raw} leaves descriptor 2 alone.
 * Linux and macOS only; elsewhere, or when the C library cannot be reached, nothing changes.
 */
public final class NativeStderr {

    static final String LOGGER = "libtorch";
    public static final String VARIABLE = "NOWCAST_NATIVE_STDERR";
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);
    /** c10's log line: severity letter, MMDD, time, file:line in brackets, then the message. */
    private static final Pattern C10_LINE = Pattern.compile("^\\[([IWEF])\\d{4} \\d{2}:\\d{2}:\\d{2}\\.\\d+ [^\\]]*\\] ?(.*)$");

    private static boolean installed;

    private NativeStderr() {
    }

    /** The C calls needed to swap descriptor 2 for a pipe. */
    interface LibC extends Library {
        int pipe(int[] fds);

        int dup(int fd);

        int dup2(int from, int to);

        long write(int fd, byte[] buffer, long count);

        long read(int fd, byte[] buffer, long count);

        int close(int fd);
    }

    /** Installs the routing once per process (see the class comment); later calls do nothing. */
    public static synchronized void install() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (installed || "raw".equalsIgnoreCase(System.getenv(VARIABLE))
                || !(os.contains("linux") || os.contains("mac"))) {
            return;
        }
        LibC c;
        try {
            c = Native.load("c", LibC.class);
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            LOG.debug("native standard error stays as it is: {}", e.toString());
            return;
        }
        int real = c.dup(2);
        int[] fds = new int[2];
        if (real < 0 || c.pipe(fds) != 0 || c.dup2(fds[1], 2) < 0) {
            LOG.debug("native standard error stays as it is: dup/pipe failed");
            return;
        }
        c.close(fds[1]);
        System.setErr(new PrintStream(new DescriptorStream(c, real), true, StandardCharsets.UTF_8));
        Thread pump = new Thread(() -> pump(c, fds[0], real), "native-stderr");
        pump.setDaemon(true);
        pump.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.err.flush();
            c.dup2(real, 2); // closes the pipe's last writer: the pump reads to the end and stops
            try {
                pump.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "native-stderr-drain"));
        installed = true;
    }

    private static void pump(LibC c, int in, int real) {
        byte[] buffer = new byte[8192];
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        long n;
        while ((n = c.read(in, buffer, buffer.length)) > 0) {
            for (int i = 0; i < n; i++) {
                line.write(buffer[i]);
                if (buffer[i] == '\n') {
                    emit(c, real, line.toByteArray());
                    line.reset();
                }
            }
        }
        if (line.size() > 0) {
            emit(c, real, line.toByteArray());
        }
        c.close(in);
    }

    private static void emit(LibC c, int real, byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8).stripTrailing();
        if (!route(text)) {
            c.write(real, bytes, bytes.length);
        }
    }

    /** Logs one line when it is libtorch's; false for anything else. */
    static boolean route(String line) {
        Matcher m = C10_LINE.matcher(line);
        if (!m.matches()) {
            return false;
        }
        String message = m.group(2);
        switch (m.group(1)) {
            case "E", "F" -> LOG.error("{}", message);
            case "I" -> LOG.info("{}", message);
            default -> {
                if (message.contains(" is deprecated")) {
                    LOG.debug("{}", message);
                } else {
                    LOG.warn("{}", message);
                }
            }
        }
        return true;
    }

    /** An output stream onto a raw file descriptor. */
    private static final class DescriptorStream extends OutputStream {
        private final LibC c;
        private final int fd;

        DescriptorStream(LibC c, int fd) {
            this.c = c;
            this.fd = fd;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            byte[] chunk = off == 0 && len == b.length ? b : java.util.Arrays.copyOfRange(b, off, off + len);
            int done = 0;
            while (done < chunk.length) {
                byte[] rest = done == 0 ? chunk : java.util.Arrays.copyOfRange(chunk, done, chunk.length);
                long n = c.write(fd, rest, rest.length);
                if (n <= 0) {
                    return;
                }
                done += (int) n;
            }
        }
    }
}
