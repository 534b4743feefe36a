package nowcast.sink.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.gaul.s3proxy.junit.S3ProxyExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import nowcast.forecast.Forecast;
import nowcast.sink.Fixtures;

/** The S3 store against s3proxy, a real S3-compatible HTTP server running in this JVM. */
class S3ForecastStoreTest {

    @RegisterExtension
    static final S3ProxyExtension S3_PROXY = S3ProxyExtension.builder()
            .withCredentials("access", "secret").withBlobStoreProvider("transient-nio2").build();

    private ForecastStore store;
    private S3Client raw;

    @BeforeEach
    void open() throws Exception {
        store = ForecastStores.open("s3://forecasts/site-a",
                new ForecastStores.S3Settings(S3_PROXY.getUri().toString(), "us-east-1", "access", "secret"));
        raw = S3Client.builder().endpointOverride(S3_PROXY.getUri()).forcePathStyle(true)
                .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .httpClientBuilder(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder())
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("access", "secret")))
                .build();
        raw.createBucket(b -> b.bucket("forecasts"));
    }

    @AfterEach
    void close() throws Exception {
        store.close();
        raw.close();
    }

    private List<String> keys() {
        return raw.listObjectsV2(b -> b.bucket("forecasts")).contents().stream().map(S3Object::key).sorted().toList();
    }

    @Test
    void writesTheSameLayoutAsTheFolderStoreAndReadsItBack() throws Exception {
        Forecast f = Fixtures.forecast("knmi", 9, 16, 16, 1, "gs2pm");
        StoredForecast stored = store.write(f);
        assertThat(stored.location()).isEqualTo("s3://forecasts/site-a/knmi/2026/03/01/20260301T124500Z/");
        assertThat(keys()).hasSize(12 + 4 + 1 + 30).contains("site-a/knmi/2026/03/01/20260301T124500Z/forecast.json",
                "site-a/knmi/2026/03/01/20260301T124500Z/forecast.npy",
                "site-a/knmi/2026/03/01/20260301T124500Z/lead-10.png");

        assertThat(store.sources()).containsExactly("knmi");
        assertThat(store.baseTimes("knmi")).containsExactly(f.baseTime());
        ForecastKey key = new ForecastKey("knmi", f.baseTime());
        assertThat(store.read(key, ForecastFileName.ARRAY)).hasValueSatisfying(
                b -> assertThat(b).isEqualTo(NpyWriter.stack(f.frames())));
        assertThat(store.read(new ForecastKey("knmi", Instant.parse("2026-03-01T13:00:00Z")), "forecast.json"))
                .isEmpty();

        // Idempotent: writing it again leaves the same objects with the same bytes.
        byte[] json = store.read(key, ForecastFileName.METADATA).orElseThrow();
        store.write(f);
        assertThat(keys()).hasSize(12 + 4 + 1 + 30);
        assertThat(store.read(key, ForecastFileName.METADATA)).hasValue(json);
    }

    @Test
    void objectsWithoutTheirMetadataAreNotAForecastAndRetentionRemovesThem() throws Exception {
        Forecast f = Fixtures.forecast("knmi", 9, 8, 8, 1, "gs2pm");
        store.write(f);
        // A crash after the array but before the metadata (the commit marker).
        String partial = "site-a/knmi/2026/03/01/20260301T125000Z/";
        raw.putObject(b -> b.bucket("forecasts").key(partial + "forecast.npy"), RequestBody.fromString("half"));
        assertThat(store.baseTimes("knmi")).containsExactly(f.baseTime());
        assertThat(store.read(new ForecastKey("knmi", Instant.parse("2026-03-01T12:50:00Z")), "forecast.npy"))
                .isEmpty();

        assertThat(store.deleteWrittenBefore(Instant.now().minusSeconds(3600))).isZero();
        assertThat(store.deleteWrittenBefore(Instant.now().plusSeconds(60))).isEqualTo(2);
        assertThat(keys()).isEmpty();
        assertThat(store.sources()).isEmpty();
    }

    @Test
    void describesWhereItIs() {
        assertThat(store.describe()).isEqualTo("s3://forecasts/site-a/");
    }
}
