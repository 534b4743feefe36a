package nowcast.app;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.Map;

/**
 * Runs {@code nowcast} in the test JVM, as {@code main} does but without environment defaults, and captures
 * what it prints. Commands write their user-facing output to {@code System.out}/{@code System.err}, so both
 * streams are swapped for the run.
 */
public record CommandRun(int code, String out, String err) {

    public static CommandRun of(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true));
            System.setErr(new PrintStream(err, true));
            int code = NowcastCommand.commandLine(Map.of()).execute(args);
            return new CommandRun(code, out.toString(), err.toString());
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }
}
