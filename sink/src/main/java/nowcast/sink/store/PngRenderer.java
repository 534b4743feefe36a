package nowcast.sink.store;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import java.awt.image.DataBufferInt;

import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import nowcast.frame.PhysicalField;
import nowcast.frame.Quantity;

/**
 * Renders a field as a PNG with its quantity's {@link ColourScale}, one image pixel per grid pixel,
 * row 0 at the top. Three-channel imagery (camera frames) is drawn as RGB.
 */
public final class PngRenderer {

    private PngRenderer() {
    }

    public static byte[] render(PhysicalField field) {
        return render(field, ColourScales.forQuantity(field.quantity()));
    }

    /** A single-channel field drawn with the given scale (exceedance probabilities use their own). */
    public static byte[] render(PhysicalField field, ColourScale scale) {
        BufferedImage image = new BufferedImage(field.cols(), field.rows(), BufferedImage.TYPE_INT_ARGB);
        int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        boolean rgb = field.channels() == 3
                && (field.quantity() == Quantity.GREY_LEVEL || field.quantity() == Quantity.VISIBLE);
        for (int r = 0; r < field.rows(); r++) {
            for (int c = 0; c < field.cols(); c++) {
                pixels[r * field.cols() + c] = rgb ? rgb(field, r, c) : scale.argb(field.get(r, c, 0));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        // In memory: ImageIO's default stream caches through a temporary file.
        try (ImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(image);
        } catch (IOException e) {
            throw new UncheckedIOException("PNG encoding failed", e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    private static int rgb(PhysicalField field, int r, int c) {
        int argb = 0xff000000;
        for (int k = 0; k < 3; k++) {
            float v = field.get(r, c, k);
            if (Float.isNaN(v)) {
                return ColourScale.NO_DATA_ARGB;
            }
            argb |= (int) Math.round(Math.max(0, Math.min(1, v)) * 255) << (16 - 8 * k);
        }
        return argb;
    }
}
