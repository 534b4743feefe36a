package nowcast.sink.alerts;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of a webhook call: {@code sha256=} and the hex HMAC-SHA256, keyed with the rule's
 * secret (its UTF-8 bytes, as the API returned it), of {@code <timestamp>.<body>}, where timestamp is
 * the {@code X-Nowcast-Timestamp} header (Unix seconds). Signing the timestamp lets a receiver refuse
 * old replays; comparing in constant time is the receiver's part.
 */
public final class WebhookSignature {

    public static final String HEADER = "X-Nowcast-Signature";
    public static final String TIMESTAMP_HEADER = "X-Nowcast-Timestamp";

    private WebhookSignature() {
    }

    public static String sign(String secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available in this JVM", e);
        }
    }
}
