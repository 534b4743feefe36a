package nowcast.sink.alerts;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;

/**
 * Which webhook targets the sink may call: absolute http(s) URLs without credentials in them, and
 * (unless {@code allowPrivate}) only hosts whose every address is public: no loopback, private
 * (10/8, 172.16/12, 192.168/16, fc00::/7), link-local (169.254/16, fe80::/10, cloud metadata),
 * carrier-grade NAT (100.64/10), unspecified or multicast address. Checked when a rule is made and
 * again before every call (a name may resolve elsewhere later); redirects are never followed.
 */
public final class WebhookPolicy {

    private final boolean allowPrivate;

    public WebhookPolicy(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    public boolean allowPrivate() {
        return allowPrivate;
    }

    /** The URL as a URI, or an IllegalArgumentException that says why it may not be called. */
    public URI check(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("webhook '" + url + "' is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("webhook '" + url + "' must be an http:// or https:// URL");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new IllegalArgumentException("webhook '" + url + "' has no host");
        }
        if (uri.getUserInfo() != null) {
            throw new IllegalArgumentException("webhook '" + url + "' must not carry credentials in the URL");
        }
        if (!allowPrivate) {
            InetAddress[] addresses;
            try {
                addresses = InetAddress.getAllByName(uri.getHost());
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("webhook host '" + uri.getHost() + "' cannot be resolved");
            }
            for (InetAddress a : addresses) {
                if (isPrivate(a)) {
                    throw new IllegalArgumentException("webhook host '" + uri.getHost() + "' resolves to the "
                            + "private or local address " + a.getHostAddress() + "; such targets need the sink "
                            + "option --webhook-allow-private");
                }
            }
        }
        return uri;
    }

    static boolean isPrivate(InetAddress a) {
        if (a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (b.length == 4) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            // 100.64.0.0/10 (carrier-grade NAT), 0.0.0.0/8, 192.0.0.0/24 (IETF), 198.18.0.0/15 (benchmarking)
            return (first == 100 && second >= 64 && second < 128) || first == 0
                    || (first == 192 && second == 0 && (b[2] & 0xff) == 0) || (first == 198 && (second & 0xfe) == 18);
        }
        // unique local fc00::/7
        return (b[0] & 0xfe) == 0xfc;
    }
}
