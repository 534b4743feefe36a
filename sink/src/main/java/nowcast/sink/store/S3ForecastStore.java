package nowcast.sink.store;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

import nowcast.forecast.Forecast;
import nowcast.products.ForecastProducts;

/**
 * Forecast store in an S3-compatible bucket under an optional key prefix, with the same layout as the
 * folder store. S3 has no rename, so {@code forecast.json} is written last and is the commit marker:
 * a forecast exists for readers only once its metadata object exists, and objects left without one by
 * a crash are removed by retention. Rewriting the same forecast puts the same bytes under the same keys.
 */
public final class S3ForecastStore implements ForecastStore {

    private static final Logger LOG = LoggerFactory.getLogger(S3ForecastStore.class);

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final boolean ownsClient;

    public S3ForecastStore(S3Client s3, String bucket, String prefix) {
        this(s3, bucket, prefix, false);
    }

    private S3ForecastStore(S3Client s3, String bucket, String prefix, boolean ownsClient) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = normalisePrefix(prefix);
        this.ownsClient = ownsClient;
    }

    /**
     * Opens {@code s3://bucket/prefix}. {@code endpoint} (null for AWS) points at an S3-compatible
     * server with path-style addressing; credentials come from {@code accessKey}/{@code secretKey} when
     * given, otherwise from the standard AWS environment variables, profile files or instance roles.
     */
    public static S3ForecastStore open(URI uri, String endpoint, String region, String accessKey, String secretKey) {
        if (!"s3".equals(uri.getScheme()) || uri.getHost() == null || uri.getHost().isBlank()) {
            throw new IllegalArgumentException("S3 store must be s3://bucket[/prefix], got " + uri);
        }
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .region(Region.of(region == null ? "us-east-1" : region));
        if (endpoint != null && !endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint)).forcePathStyle(true);
        }
        builder.credentialsProvider(accessKey != null && secretKey != null
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey))
                : DefaultCredentialsProvider.builder().build());
        return new S3ForecastStore(builder.build(), uri.getHost(), uri.getPath(), true);
    }

    private static String normalisePrefix(String p) {
        if (p == null) {
            return "";
        }
        String s = p.replaceAll("^/+", "").replaceAll("/+$", "");
        return s.isEmpty() ? "" : s + "/";
    }

    @Override
    public StoredForecast write(Forecast forecast, ForecastProducts products) throws IOException {
        ForecastKey key = new ForecastKey(forecast.sourceId(), forecast.baseTime());
        Map<String, byte[]> files = ForecastFiles.render(forecast, products);
        String dir = prefix + key.relativeDir();
        try {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                s3.putObject(b -> b.bucket(bucket).key(dir + file.getKey())
                                .contentType(ForecastFileName.contentType(file.getKey())),
                        RequestBody.fromBytes(file.getValue()));
            }
        } catch (SdkException e) {
            throw new IOException("writing forecast " + key.relativeDir() + " to s3://" + bucket + "/" + prefix
                    + " failed: " + e.getMessage(), e);
        }
        return new StoredForecast(key, "s3://" + bucket + "/" + dir, List.copyOf(files.keySet()));
    }

    @Override
    public List<String> sources() throws IOException {
        TreeSet<String> out = new TreeSet<>();
        try {
            for (ListObjectsV2Response page : s3.listObjectsV2Paginator(
                    ListObjectsV2Request.builder().bucket(bucket).prefix(prefix).delimiter("/").build())) {
                for (CommonPrefix cp : page.commonPrefixes()) {
                    String name = cp.prefix().substring(prefix.length()).replaceAll("/$", "");
                    if (ForecastKey.isSafeSourceId(name) && !baseTimes(name).isEmpty()) {
                        out.add(name);
                    }
                }
            }
        } catch (SdkException e) {
            throw failure("listing sources", e);
        }
        return List.copyOf(out);
    }

    @Override
    public List<Instant> baseTimes(String sourceId) throws IOException {
        List<Instant> out = new ArrayList<>();
        for (S3Object o : objects(prefix + ForecastKey.checkSourceId(sourceId) + "/")) {
            Instant t = committedBaseTime(o.key());
            if (t != null) {
                out.add(t);
            }
        }
        out.sort(null);
        return out;
    }

    /** Base time of a {@code .../<base time>/forecast.json} key, null for any other key. */
    private Instant committedBaseTime(String key) {
        if (!key.endsWith("/" + ForecastFileName.METADATA)) {
            return null;
        }
        String[] parts = key.substring(prefix.length()).split("/");
        if (parts.length != 6) {
            return null;
        }
        try {
            return ForecastKey.parseBaseTime(parts[4]);
        } catch (IllegalArgumentException notOurs) {
            return null;
        }
    }

    @Override
    public Optional<byte[]> read(ForecastKey key, String fileName) throws IOException {
        String dir = prefix + key.relativeDir();
        try {
            if (!ForecastFileName.METADATA.equals(ForecastFileName.check(fileName))) {
                s3.headObject(b -> b.bucket(bucket).key(dir + ForecastFileName.METADATA));
            }
            ResponseBytes<GetObjectResponse> bytes = s3.getObjectAsBytes(b -> b.bucket(bucket).key(dir + fileName));
            return Optional.of(bytes.asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw failure("reading " + dir + fileName, e);
        } catch (SdkException e) {
            throw failure("reading " + dir + fileName, e);
        }
    }

    @Override
    public int deleteWrittenBefore(Instant cutoff) throws IOException {
        Map<String, List<S3Object>> byForecast = new HashMap<>();
        for (S3Object o : objects(prefix)) {
            int slash = o.key().lastIndexOf('/');
            byForecast.computeIfAbsent(o.key().substring(0, slash + 1), k -> new ArrayList<>()).add(o);
        }
        int removed = 0;
        for (Map.Entry<String, List<S3Object>> forecast : byForecast.entrySet()) {
            // A forecast's age is its commit marker's; objects without one are a crashed write, aged by the newest.
            Instant written = forecast.getValue().stream()
                    .filter(o -> o.key().endsWith("/" + ForecastFileName.METADATA))
                    .map(S3Object::lastModified).findFirst()
                    .orElseGet(() -> forecast.getValue().stream().map(S3Object::lastModified)
                            .max(Instant::compareTo).orElse(Instant.MAX));
            if (written.isBefore(cutoff)) {
                try {
                    // Marker first: readers stop seeing the forecast before its files go.
                    forecast.getValue().sort((a, b) -> Boolean.compare(!a.key().endsWith(ForecastFileName.METADATA),
                            !b.key().endsWith(ForecastFileName.METADATA)));
                    for (S3Object o : forecast.getValue()) {
                        s3.deleteObject(b -> b.bucket(bucket).key(o.key()));
                    }
                } catch (SdkException e) {
                    throw failure("deleting " + forecast.getKey(), e);
                }
                removed++;
            }
        }
        if (removed > 0) {
            LOG.info("retention removed {} forecasts from s3://{}/{}", removed, bucket, prefix);
        }
        return removed;
    }

    private List<S3Object> objects(String keyPrefix) throws IOException {
        List<S3Object> out = new ArrayList<>();
        try {
            for (ListObjectsV2Response page : s3.listObjectsV2Paginator(
                    ListObjectsV2Request.builder().bucket(bucket).prefix(keyPrefix).build())) {
                out.addAll(page.contents());
            }
        } catch (SdkException e) {
            throw failure("listing " + keyPrefix, e);
        }
        return out;
    }

    private IOException failure(String what, SdkException e) {
        return new IOException(what + " in s3://" + bucket + "/" + prefix + " failed: " + e.getMessage(), e);
    }

    @Override
    public String describe() {
        return "s3://" + bucket + "/" + prefix;
    }

    @Override
    public void close() {
        if (ownsClient) {
            s3.close();
        }
    }
}
