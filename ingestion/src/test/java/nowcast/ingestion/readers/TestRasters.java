package nowcast.ingestion.readers;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntBinaryOperator;
import java.util.zip.GZIPOutputStream;

import javax.imageio.ImageIO;

/** Writes small rasters in the real file formats for tests that build their own archives. */
final class TestRasters {

    private TestRasters() {
    }

    static Path greyPng(Path file, int rows, int cols, IntBinaryOperator pixel) throws IOException {
        BufferedImage img = new BufferedImage(cols, rows, BufferedImage.TYPE_BYTE_GRAY);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                img.getRaster().setSample(c, r, 0, pixel.applyAsInt(r, c));
            }
        }
        Files.createDirectories(file.getParent());
        ImageIO.write(img, "png", file.toFile());
        return file;
    }

    static Path rgbPng(Path file, int rows, int cols, int rgb) throws IOException {
        BufferedImage img = new BufferedImage(cols, rows, BufferedImage.TYPE_INT_RGB);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                img.setRGB(c, r, rgb);
            }
        }
        Files.createDirectories(file.getParent());
        ImageIO.write(img, "png", file.toFile());
        return file;
    }

    /** An 8-bit grey + alpha PNG (colour type LA), the layout of the UNICA radar maps. */
    static Path greyAlphaPng(Path file, int rows, int cols, IntBinaryOperator grey, IntBinaryOperator alpha)
            throws IOException {
        java.awt.image.ComponentColorModel model = new java.awt.image.ComponentColorModel(
                java.awt.color.ColorSpace.getInstance(java.awt.color.ColorSpace.CS_GRAY), new int[] {8, 8}, true, false,
                java.awt.Transparency.TRANSLUCENT, java.awt.image.DataBuffer.TYPE_BYTE);
        java.awt.image.WritableRaster raster = model.createCompatibleWritableRaster(cols, rows);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                raster.setSample(c, r, 0, grey.applyAsInt(r, c));
                raster.setSample(c, r, 1, alpha.applyAsInt(r, c));
            }
        }
        Files.createDirectories(file.getParent());
        ImageIO.write(new BufferedImage(model, raster, false, null), "png", file.toFile());
        return file;
    }

    /** An 8-bit palette GIF whose palette index is the pixel value, like the MeteoSwiss composites. */
    static Path paletteGif(Path file, int rows, int cols, IntBinaryOperator index) throws IOException {
        byte[] ramp = new byte[256];
        for (int i = 0; i < 256; i++) {
            ramp[i] = (byte) (255 - i);
        }
        IndexColorModel palette = new IndexColorModel(8, 256, ramp, ramp, ramp);
        BufferedImage img = new BufferedImage(cols, rows, BufferedImage.TYPE_BYTE_INDEXED, palette);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                img.getRaster().setSample(c, r, 0, index.applyAsInt(r, c));
            }
        }
        Files.createDirectories(file.getParent());
        ImageIO.write(img, "gif", file.toFile());
        return file;
    }

    static Path pgm(Path file, int rows, int cols, int maxval, String headerComments, IntBinaryOperator pixel,
                    boolean gzip) throws IOException {
        Files.createDirectories(file.getParent());
        try (OutputStream raw = Files.newOutputStream(file);
             OutputStream out = gzip ? new GZIPOutputStream(raw) : raw) {
            out.write(("P5\n" + headerComments + cols + " " + rows + "\n" + maxval + "\n").getBytes(StandardCharsets.US_ASCII));
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    out.write(pixel.applyAsInt(r, c));
                }
            }
        }
        return file;
    }
}
