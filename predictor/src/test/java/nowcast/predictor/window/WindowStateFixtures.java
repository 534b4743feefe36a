package nowcast.predictor.window;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Window state values in the pre-Avro layout, as hex under test resources {@code window-state/}. They were
 * written by that layout's own encoder (SourceWindowSerde at commit 02cf461, before the move to Avro), not
 * by a copy of it: {@code v1-full.hex} and {@code v1-minimal.hex} from {@code SourceWindowSerdeTest.full()}
 * and {@code minimal()}, {@code v1-topology-a-0-40.hex} from the state of source "a" after
 * {@code PredictorTopologyTest} piped its frames 0, 5, .., 40.
 */
public final class WindowStateFixtures {

    private WindowStateFixtures() {
    }

    public static byte[] fixture(String name) {
        try (InputStream in = WindowStateFixtures.class.getResourceAsStream("/window-state/" + name)) {
            if (in == null) {
                throw new IllegalStateException("test resource window-state/" + name + " is missing");
            }
            return HexFormat.of().parseHex(new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
