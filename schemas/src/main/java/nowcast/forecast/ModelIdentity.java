package nowcast.forecast;

/**
 * Which nowcaster made a forecast; scale, version and artifactHash may be null for baselines.
 * {@code device} is where the network ran ({@code cpu}, {@code gpu:0}), null for nowcasters without
 * a network and for forecasts written before the field existed.
 */
public record ModelIdentity(String name, String scale, String version, String artifactHash, String device) {

    public ModelIdentity(String name, String scale, String version, String artifactHash) {
        this(name, scale, version, artifactHash, null);
    }

    public static ModelIdentity baseline(String name) {
        return new ModelIdentity(name, null, null, null);
    }

    public ModelIdentity withDevice(String device) {
        return new ModelIdentity(name, scale, version, artifactHash, device);
    }
}
