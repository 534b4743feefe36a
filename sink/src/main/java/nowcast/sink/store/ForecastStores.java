package nowcast.sink.store;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;

/**
 * Opens the store a setting names: a folder path (the default kind) or {@code s3://bucket/prefix}
 * for an S3-compatible object store.
 */
public final class ForecastStores {

    private ForecastStores() {
    }

    /** Settings of an S3-compatible store; all may be null (AWS defaults). */
    public record S3Settings(String endpoint, String region, String accessKey, String secretKey) {
        public static S3Settings fromEnvironment() {
            return new S3Settings(System.getenv("NOWCAST_S3_ENDPOINT"), System.getenv("AWS_REGION"), null, null);
        }
    }

    public static ForecastStore open(String location, S3Settings s3) throws IOException {
        if (location == null || location.isBlank()) {
            throw new IllegalArgumentException("store location is empty: give a folder or s3://bucket/prefix");
        }
        if (location.startsWith("s3://")) {
            return S3ForecastStore.open(URI.create(location), s3.endpoint(), s3.region(), s3.accessKey(),
                    s3.secretKey());
        }
        if (location.matches("^[A-Za-z][A-Za-z0-9+.-]*://.*")) {
            throw new IllegalArgumentException("store '" + location + "' has an unknown scheme; known: a folder path, "
                    + "s3://bucket/prefix");
        }
        return new DirectoryForecastStore(Path.of(location));
    }
}
