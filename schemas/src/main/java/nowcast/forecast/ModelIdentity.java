package nowcast.forecast;

/** Which nowcaster made a forecast; scale, version and artifactHash may be null for baselines. */
public record ModelIdentity(String name, String scale, String version, String artifactHash) {

    public static ModelIdentity baseline(String name) {
        return new ModelIdentity(name, null, null, null);
    }
}
