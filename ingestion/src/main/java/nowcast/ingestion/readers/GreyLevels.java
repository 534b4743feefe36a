package nowcast.ingestion.readers;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Pixel values of an image file (PNG, GIF, PGM) as grey levels: one channel for grey images, three
 * (RGB, alpha dropped) for colour images; {@link #scaled()} divides by the largest code so values are 0..1.
 */
record GreyLevels(int rows, int cols, int channels, int maxCode, float[] codes) {

    static GreyLevels read(Path file, ReaderOptions options) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".pgm") || name.endsWith(".pgm.gz")) {
            PgmImage pgm = PgmImage.read(file, options);
            float[] codes = new float[pgm.pixels().length];
            for (int i = 0; i < codes.length; i++) {
                codes[i] = pgm.pixels()[i];
            }
            return new GreyLevels(pgm.height(), pgm.width(), 1, pgm.maxval(), codes);
        }
        return of(IndexedImages.read(file, options));
    }

    static GreyLevels of(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        Raster raster = image.getRaster();
        boolean indexed = image.getColorModel() instanceof IndexColorModel;
        boolean grey = !indexed && raster.getNumBands() <= 2;
        if (grey) {
            int bits = image.getColorModel().getComponentSize(0);
            float[] codes = new float[w * h];
            for (int r = 0; r < h; r++) {
                for (int c = 0; c < w; c++) {
                    codes[r * w + c] = raster.getSample(c, r, 0);
                }
            }
            return new GreyLevels(h, w, 1, (1 << bits) - 1, codes);
        }
        float[] codes = new float[w * h * 3];
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                int rgb = image.getRGB(c, r);
                int base = (r * w + c) * 3;
                codes[base] = (rgb >> 16) & 0xFF;
                codes[base + 1] = (rgb >> 8) & 0xFF;
                codes[base + 2] = rgb & 0xFF;
            }
        }
        return new GreyLevels(h, w, 3, 255, codes);
    }

    /** The first channel only: the grey value of a grey image, the red of a colour one. */
    float[] firstChannel() {
        if (channels == 1) {
            return codes;
        }
        float[] out = new float[rows * cols];
        for (int i = 0; i < out.length; i++) {
            out[i] = codes[i * channels];
        }
        return out;
    }

    float[] scaled() {
        float[] out = new float[codes.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = codes[i] / maxCode;
        }
        return out;
    }
}
