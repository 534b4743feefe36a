package nowcast.app.predict;

import picocli.CommandLine;

import nowcast.forecast.ModelIdentity;

/**
 * The predictor's {@code --max-batch}: a number, or {@code auto}, which sizes batches for the device
 * the nowcaster runs on. A GPU does a batch of 32 Tiny windows in about the time of a few, so waiting
 * windows are worth gathering there; on a CPU the time grows with the batch and 16 is enough to
 * amortise the per-call work. As a picocli converter it checks the text when the command line is read.
 */
public final class BatchSizes implements CommandLine.ITypeConverter<String> {

    static final String AUTO = "auto";
    static final int CPU = 16;
    static final int GPU = 32;
    static final String DESCRIPTION = CPU + " windows on a CPU, " + GPU + " on a GPU";

    @Override
    public String convert(String value) {
        try {
            parse(value);
            return value;
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }

    /** @throws IllegalArgumentException unless {@code text} is {@code auto} or a whole number >= 1 */
    static Integer parse(String text) {
        if (text == null || AUTO.equalsIgnoreCase(text.trim())) {
            return null;
        }
        try {
            int n = Integer.parseInt(text.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--max-batch must be auto or a whole number >= 1, got '" + text + "'");
    }

    /** The batch bound for a nowcaster with this identity: {@code text} if it is a number, else by device. */
    static int maxBatch(String text, ModelIdentity model) {
        Integer explicit = parse(text);
        if (explicit != null) {
            return explicit;
        }
        return model.device() != null && model.device().startsWith("gpu") ? GPU : CPU;
    }
}
