package nowcast.ingestion.readers;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * A binary PGM (P5) image, gzip-compressed or not: header comments (FMI keeps its metadata there),
 * size, maxval and the grey values. Sizes from the header are checked before the raster is allocated.
 */
record PgmImage(int width, int height, int maxval, List<String> comments, int[] pixels) {

    private static final int MAX_HEADER_BYTES = 64 * 1024;

    static PgmImage read(Path file, ReaderOptions options) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
            raw.mark(2);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            InputStream in = (b0 == 0x1f && b1 == 0x8b) ? new BufferedInputStream(new GZIPInputStream(raw)) : raw;
            return parse(file, in, options);
        } catch (BadFrameException e) {
            throw e;
        } catch (java.util.zip.ZipException | java.io.EOFException e) {
            throw new BadFrameException(file, "corrupt or truncated gzip stream: " + e.getMessage(), e);
        }
    }

    private static PgmImage parse(Path file, InputStream in, ReaderOptions options) throws IOException {
        Header header = new Header(file, in);
        String magic = header.token();
        if (!"P5".equals(magic)) {
            throw new BadFrameException(file, "not a binary PGM: magic is '" + magic + "', expected 'P5'");
        }
        int width = header.positiveInt("width");
        int height = header.positiveInt("height");
        int maxval = header.positiveInt("maxval");
        if (maxval > 65535) {
            throw new BadFrameException(file, "PGM maxval " + maxval + " exceeds 65535");
        }
        options.checkSize(file, height, width, 1);
        int bytesPerPixel = maxval < 256 ? 1 : 2;
        byte[] data = new byte[Math.multiplyExact(width * height, bytesPerPixel)];
        int read = in.readNBytes(data, 0, data.length);
        if (read < data.length) {
            throw new BadFrameException(file, "truncated PGM raster: expected " + data.length + " bytes for "
                    + width + "x" + height + ", got " + read);
        }
        int[] pixels = new int[width * height];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = bytesPerPixel == 1 ? data[i] & 0xFF : ((data[2 * i] & 0xFF) << 8) | (data[2 * i + 1] & 0xFF);
        }
        return new PgmImage(width, height, maxval, List.copyOf(header.comments), pixels);
    }

    /** Tokens of a PNM header, collecting '#' comment lines; the single whitespace after maxval ends it. */
    private static final class Header {
        private final Path file;
        private final InputStream in;
        private final List<String> comments = new ArrayList<>();
        private int consumed;

        Header(Path file, InputStream in) {
            this.file = file;
            this.in = in;
        }

        String token() throws IOException {
            StringBuilder sb = new StringBuilder();
            while (true) {
                int c = next();
                if (c == '#') {
                    comments.add(line());
                } else if (Character.isWhitespace(c)) {
                    if (!sb.isEmpty()) {
                        return sb.toString();
                    }
                } else {
                    sb.append((char) c);
                    if (sb.length() > 32) {
                        throw new BadFrameException(file, "PGM header token longer than 32 characters");
                    }
                }
            }
        }

        int positiveInt(String what) throws IOException {
            String t = token();
            try {
                int v = Integer.parseInt(t);
                if (v <= 0) {
                    throw new BadFrameException(file, "PGM " + what + " must be positive, got " + v);
                }
                return v;
            } catch (NumberFormatException e) {
                throw new BadFrameException(file, "PGM " + what + " is not a number: '" + t + "'");
            }
        }

        private String line() throws IOException {
            StringBuilder sb = new StringBuilder();
            int c;
            while ((c = next()) != '\n') {
                if (c != '\r') {
                    sb.append((char) c);
                }
            }
            return sb.toString().trim();
        }

        private int next() throws IOException {
            int c = in.read();
            if (c < 0) {
                throw new BadFrameException(file, "truncated PGM header", new EOFException());
            }
            if (++consumed > MAX_HEADER_BYTES) {
                throw new BadFrameException(file, "PGM header longer than " + MAX_HEADER_BYTES + " bytes");
            }
            return c;
        }
    }
}
