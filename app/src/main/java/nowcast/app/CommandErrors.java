package nowcast.app;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * What the user sees when a command cannot run: one line on standard error that names the command and what
 * went wrong, never a stack trace. Wrong input (an unknown option, a value the option does not accept, a
 * missing file) exits with 2, and the line ends with where the accepted values are listed; a failure while
 * running (a broker that does not answer, an unreadable model) exits with 1, and its stack trace goes to the
 * log at DEBUG ({@code NOWCAST_LOG_LEVEL=DEBUG}).
 */
final class CommandErrors implements CommandLine.IParameterExceptionHandler, CommandLine.IExecutionExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(CommandErrors.class);

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        String command = cl.getCommandSpec().qualifiedName();
        String message = oneLine(e.getMessage());
        if (e instanceof UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
            message += " (did you mean " + String.join(" or ", unmatched.getSuggestions()) + "?)";
        }
        PrintWriter err = cl.getErr();
        err.println(command + ": " + message + "; see '" + command + " --help'");
        err.flush();
        LOG.debug("{}: {}", command, e.getMessage(), e);
        return cl.getExitCodeExceptionMapper() != null ? cl.getExitCodeExceptionMapper().getExitCode(e)
                : cl.getCommandSpec().exitCodeOnInvalidInput();
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine cl, ParseResult parsed) {
        String command = cl.getCommandSpec().qualifiedName();
        PrintWriter err = cl.getErr();
        err.println(command + ": " + describe(e));
        err.flush();
        LOG.debug("{} failed", command, e);
        return cl.getCommandSpec().exitCodeOnExecutionException();
    }

    /** The messages of an exception and its causes, each said once, on one line. */
    static String describe(Throwable e) {
        Set<String> parts = new LinkedHashSet<>();
        for (Throwable t = e; t != null && parts.size() < 4; t = t.getCause() == t ? null : t.getCause()) {
            String m = t.getMessage();
            if (m == null || m.isBlank()) {
                continue;
            }
            // a wrapper made from its cause (new UncheckedIOException(e)) starts with the cause's class name
            m = oneLine(m).replaceFirst("^([a-z][\\w$]*\\.)+[A-Z][\\w$]*: ", "");
            boolean said = false;
            for (String p : parts) {
                said |= p.contains(m);
            }
            if (!said) {
                parts.add(m);
            }
        }
        if (parts.isEmpty()) {
            return e.getClass().getSimpleName() + " (NOWCAST_LOG_LEVEL=DEBUG shows where)";
        }
        List<String> list = new ArrayList<>(parts);
        return String.join(": ", list);
    }

    private static String oneLine(String s) {
        return s.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
