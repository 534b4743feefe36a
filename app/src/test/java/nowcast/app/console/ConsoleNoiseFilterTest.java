package nowcast.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import ch.qos.logback.classic.Level;

/** Which console messages are held back, and that everything else passes. */
class ConsoleNoiseFilterTest {

    private static final String CUDA = "ai.djl.util.cuda.CudaUtils";

    @Test
    void djlCudaProbeIsHeldBackOnlyWithoutAnNvidiaDriver() {
        String probe = "Failed to detect GPU count: CUDA driver version is insufficient for CUDA runtime version (35)";
        assertThat(ConsoleNoiseFilter.isNoise(CUDA, Level.WARN, probe, false)).isTrue();
        assertThat(ConsoleNoiseFilter.isNoise(CUDA, Level.WARN, probe, true)).as("a driver that is too old").isFalse();
        assertThat(ConsoleNoiseFilter.isNoise(CUDA, Level.WARN, "Unexpected output: 2", false)).isFalse();
    }

    @Test
    void knownBrokerNoiseIsHeldBackAndOtherKafkaWarningsPass() {
        assertThat(ConsoleNoiseFilter.isNoise("org.apache.kafka.controller.QuorumController", Level.WARN,
                "[QuorumController id=1] Performing controller activation. The metadata log appears to be empty. "
                        + "Appending 6 bootstrap record(s)", false)).isTrue();
        assertThat(ConsoleNoiseFilter.isNoise("org.apache.kafka.clients.NetworkClient", Level.WARN,
                "[NodeToControllerChannelManager id=1 name=registration] Attempting to close NetworkClient that has "
                        + "already been closed.", false)).isTrue();
        assertThat(ConsoleNoiseFilter.isNoise("org.apache.kafka.clients.NetworkClient", Level.WARN,
                "Connection to node 1 (/127.0.0.1:9092) could not be established. Node may not be available.", false))
                .isFalse();
        assertThat(ConsoleNoiseFilter.isNoise("org.apache.kafka.controller.QuorumController", Level.ERROR,
                "something else went wrong", false)).isFalse();
    }

    @Test
    void aRaceToCreateAnInternalTopicThatExistsIsHeldBackButNotOtherTopicCreationFailures() {
        String logger = "org.apache.kafka.server.DefaultAutoTopicCreationManager";
        assertThat(ConsoleNoiseFilter.isNoise(logger, Level.WARN, "Auto topic creation failed for __consumer_offsets with "
                + "error 'TOPIC_ALREADY_EXISTS': Topic '__consumer_offsets' already exists..", false)).isTrue();
        assertThat(ConsoleNoiseFilter.isNoise(logger, Level.WARN, "Auto topic creation failed for nowcast.frames with "
                + "error 'TOPIC_ALREADY_EXISTS': Topic 'nowcast.frames' already exists..", false)).isFalse();
        assertThat(ConsoleNoiseFilter.isNoise(logger, Level.WARN, "Auto topic creation failed for __consumer_offsets with "
                + "error 'POLICY_VIOLATION'", false)).isFalse();
    }

    @Test
    void debugLevelsShowEverything() {
        assertThat(ConsoleNoiseFilter.isDebugging("debug")).isTrue();
        assertThat(ConsoleNoiseFilter.isDebugging("TRACE")).isTrue();
        assertThat(ConsoleNoiseFilter.isDebugging("INFO")).isFalse();
        assertThat(ConsoleNoiseFilter.isDebugging(null)).isFalse();
    }
}
