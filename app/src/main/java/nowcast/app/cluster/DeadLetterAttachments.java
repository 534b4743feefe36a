package nowcast.app.cluster;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import nowcast.schemas.deadletter.DeadLetterBuilder;

/**
 * {@code --dead-letter-attachment-limit}: how large a rejected record or file may be to travel inside its dead
 * letter, for every command that writes dead letters (docs/spec/system.md, "Dead letters"). One limit for
 * ingestion, predictor and sink, so that an operator inspects the same thing wherever a record was refused.
 */
public final class DeadLetterAttachments {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    private int bytes = DeadLetterBuilder.DEFAULT_ATTACHMENT_LIMIT;

    @Option(names = "--dead-letter-attachment-limit", defaultValue = "" + DeadLetterBuilder.DEFAULT_ATTACHMENT_LIMIT,
            paramLabel = "BYTES",
            description = "Largest rejected record or file, in bytes, that its dead letter carries for inspection; a "
                    + "larger one is named but not attached; 0 attaches none. Keep it below the dead-letter topic's "
                    + "message size limit (${DEFAULT-VALUE}).")
    void limit(int value) {
        if (value < 0) {
            throw new ParameterException(spec.commandLine(),
                    "--dead-letter-attachment-limit must be 0 or more bytes, got " + value);
        }
        bytes = value;
    }

    public int bytes() {
        return bytes;
    }
}
