package nowcast.ingestion.readers;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/** Decodes PNG/GIF files with the JDK, checking the declared size before the pixels are allocated. */
final class IndexedImages {

    private IndexedImages() {
    }

    static BufferedImage read(Path file, ReaderOptions options) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                throw new BadFrameException(file, "cannot open the file as an image");
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new BadFrameException(file, "not a PNG/GIF image (no image decoder recognises it)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                options.checkSize(file, height, width, 1);
                return reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (BadFrameException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new BadFrameException(file, "corrupt or truncated image: " + e.getMessage(), e);
        }
    }
}
