package nowcast.app.console;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Keeps known messages that ask nothing of the user off the console (logback.xml attaches it to the console
 * appender). Each is named here with the reason; everything else passes. With {@code NOWCAST_LOG_LEVEL=DEBUG}
 * (or TRACE) nothing is held back.
 * <ul>
 *   <li>DJL's CUDA probe, {@code Failed to detect GPU count: CUDA driver version is insufficient ...}, on a
 *       machine without an NVIDIA driver: there is no GPU to use, DJL runs on the CPU as it should. Where a
 *       driver is installed the message stays, since then it means a driver/runtime mismatch to fix.</li>
 *   <li>The embedded broker's first start, {@code Performing controller activation. The metadata log appears
 *       to be empty}: a new data directory is expected to be empty.</li>
 *   <li>The embedded broker's {@code Auto topic creation failed for __consumer_offsets with error
 *       'TOPIC_ALREADY_EXISTS'}: when the services' consumer groups start at once, each asks the broker for its
 *       internal topic and all but the first request find it made; the topic exists, nothing is lost or
 *       retried by hand. Only internal ({@code __}) topics: an ordinary topic that exists is not noise here.</li>
 *   <li>The embedded broker's shutdown, {@code Attempting to close NetworkClient that has already been
 *       closed}: Kafka closing one of its internal channels twice.</li>
 * </ul>
 */
public final class ConsoleNoiseFilter extends Filter<ILoggingEvent> {

    private static final boolean NVIDIA_DRIVER = List.of(Path.of("/proc/driver/nvidia/version"), Path.of("/dev/nvidia0"),
            Path.of("/dev/nvidiactl")).stream().anyMatch(Files::exists);
    private static final boolean DEBUGGING = isDebugging(System.getenv("NOWCAST_LOG_LEVEL"));

    static boolean isDebugging(String level) {
        return level != null && (level.equalsIgnoreCase("DEBUG") || level.equalsIgnoreCase("TRACE")
                || level.equalsIgnoreCase("ALL"));
    }

    @Override
    public FilterReply decide(ILoggingEvent event) {
        return !DEBUGGING && isNoise(event.getLoggerName(), event.getLevel(), event.getFormattedMessage(), NVIDIA_DRIVER)
                ? FilterReply.DENY : FilterReply.NEUTRAL;
    }

    static boolean isNoise(String logger, Level level, String message, boolean nvidiaDriver) {
        if (message == null || !level.isGreaterOrEqual(Level.WARN)) {
            return false;
        }
        return switch (logger) {
            case "ai.djl.util.cuda.CudaUtils" -> !nvidiaDriver && message.startsWith("Failed to detect GPU count");
            case "org.apache.kafka.controller.QuorumController" -> message.contains("Performing controller activation")
                    && message.contains("metadata log appears to be empty");
            case "org.apache.kafka.server.DefaultAutoTopicCreationManager" -> message.startsWith("Auto topic creation failed for __")
                    && message.contains("TOPIC_ALREADY_EXISTS");
            case "org.apache.kafka.clients.NetworkClient" ->
                    message.contains("Attempting to close NetworkClient that has already been closed");
            default -> false;
        };
    }
}
