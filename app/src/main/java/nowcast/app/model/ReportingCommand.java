package nowcast.app.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;

/**
 * A subcommand whose expected failures (bad files, shapes, configs) end with one clear line on
 * stderr and exit code 1 instead of a stack trace.
 */
abstract class ReportingCommand implements Callable<Integer> {

    @Override
    public final Integer call() throws Exception {
        try {
            execute();
            return 0;
        } catch (IllegalArgumentException | IOException | UncheckedIOException e) {
            System.err.println("error: " + e.getMessage());
            return 1;
        }
    }

    abstract void execute() throws Exception;
}
