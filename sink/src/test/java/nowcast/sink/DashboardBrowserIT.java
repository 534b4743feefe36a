package nowcast.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import nowcast.avro.VerificationScore;
import nowcast.forecast.Forecast;
import nowcast.frame.Frame;
import nowcast.platform.testing.LocalStack;
import nowcast.schemas.Topics;
import nowcast.schemas.serde.NowcastSerdes;
import nowcast.sink.store.DirectoryForecastStore;
import nowcast.sink.verify.LeadScore;
import nowcast.sink.web.DashboardServer;

/**
 * The whole sink against the in-process broker and registry, watched in a real headless Chromium:
 * forecasts and frames are published to Kafka, the sink stores and verifies them (scores reach the
 * scores topic), and on the page a source appears, the forecast is drawn, a new forecast
 * shows up without reload, and the score chart renders. Saves {@code target/dashboard.png}.
 */
class DashboardBrowserIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @TempDir
    Path storeDir;
    @TempDir
    Path profile;

    private final LocalStack stack = LocalStack.shared();
    private Topics topics;
    private SinkService sink;
    private Thread sinkThread;
    private KafkaProducer<String, Frame> frames;
    private KafkaProducer<String, Forecast> forecasts;
    private WebDriver browser;

    @BeforeEach
    void start() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "chromium and chromium-driver are not installed (.ci/install-deps installs them)");
        topics = stack.freshTopics(1);
        SinkService.Settings settings = new SinkService.Settings(stack.bootstrapServers(), stack.registryUrl(), topics,
                "sink-" + topics.prefix(), DashboardServer.Settings.localhost(0), Duration.ofDays(1),
                Duration.ofMinutes(10), 50);
        sink = new SinkService(settings, new DirectoryForecastStore(storeDir));
        sinkThread = new Thread(sink::run, "sink-under-test");
        sinkThread.start();
        frames = new KafkaProducer<>(stack.clientConfig(), new StringSerializer(),
                NowcastSerdes.frames(stack.serdeConfig()).serializer());
        forecasts = new KafkaProducer<>(stack.clientConfig(), new StringSerializer(),
                NowcastSerdes.forecasts(stack.serdeConfig()).serializer());

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,1000", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (browser != null) {
            browser.quit();
        }
        if (sink != null) {
            sink.close();
            sinkThread.join(10_000);
        }
        if (frames != null) {
            frames.close();
            forecasts.close();
        }
    }

    private void publish(Frame f) {
        frames.send(new ProducerRecord<>(topics.frames(), f.sourceId(), f));
        frames.flush();
    }

    private void publish(Forecast f) {
        forecasts.send(new ProducerRecord<>(topics.forecasts(), f.sourceId(), f));
        forecasts.flush();
    }

    @Test
    void showsSourcesForecastAnimationLiveUpdatesAndScores() throws Exception {
        for (int step = 0; step <= 9; step++) {
            publish(Fixtures.frame("radar-nl", step, 48, 64));
        }
        publish(Fixtures.forecast("radar-nl", 9, 48, 64, 1, "gs2pm"));

        WebDriverWait started = new WebDriverWait(browser, Duration.ofSeconds(30));
        started.until(d -> portOrZero() > 0);
        browser.get("http://127.0.0.1:" + sink.port() + "/");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(d -> !d.findElements(By.cssSelector("#sources li[data-source='radar-nl']")).isEmpty());
        wait.until(d -> "2026-03-01T12:45:00Z".equals(attribute(d, "forecast", "data-base-time")));
        wait.until(d -> colouredPixels(d, "forecast") > 20);
        wait.until(d -> colouredPixels(d, "observed") > 20);

        // A marker that a reload would wipe out.
        ((JavascriptExecutor) browser).executeScript("window.loadedOnce = 'still here';");
        // A new forecast and the observations that verify the first one arrive while the page is open.
        for (int step = 10; step <= 12; step++) {
            publish(Fixtures.frame("radar-nl", step, 48, 64));
        }
        publish(Fixtures.forecast("radar-nl", 10, 48, 64, 1, "gs2pm"));
        wait.until(d -> "2026-03-01T12:50:00Z".equals(attribute(d, "forecast", "data-base-time")));
        wait.until(d -> Integer.parseInt(orZero(attribute(d, "chart-mse", "data-points"))) >= 4);
        assertThat(colouredPixels(browser, "chart-mse")).isGreaterThan(100);
        assertThat(browser.findElement(By.id("h-conn")).getText()).isEqualTo("live");
        assertThat(((JavascriptExecutor) browser).executeScript("return window.loadedOnce;")).isEqualTo("still here");

        assertThat(scoresOnTopic()).anySatisfy(s -> {
            assertThat(s.getSourceId()).isEqualTo("radar-nl");
            assertThat(s.getMethod()).isEqualTo(LeadScore.PERSISTENCE);
            assertThat(s.getCategories()).hasSize(3);
        }).anySatisfy(s -> assertThat(s.getMethod()).isEqualTo("gs2pm"));

        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Path target = Path.of("target", "dashboard.png");
        Files.createDirectories(target.getParent());
        Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
    }

    private int portOrZero() {
        try {
            return sink.port();
        } catch (RuntimeException notStarted) {
            return 0;
        }
    }

    private List<VerificationScore> scoresOnTopic() {
        Map<String, Object> config = new HashMap<>(stack.clientConfig());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "scores-reader-" + topics.prefix());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<VerificationScore> out = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                NowcastSerdes.scores(stack.serdeConfig()).deserializer())) {
            consumer.subscribe(List.of(topics.scores()));
            long deadline = System.currentTimeMillis() + 20_000;
            while (out.size() < 6 && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> out.add(r.value()));
            }
        }
        return out;
    }

    private static String orZero(String s) {
        return s == null ? "0" : s;
    }

    private static String attribute(WebDriver d, String id, String name) {
        return d.findElement(By.id(id)).getAttribute(name);
    }

    /** Pixels of a canvas whose colour differs from the dark background it is cleared with. */
    private static long colouredPixels(WebDriver d, String canvasId) {
        Object n = ((JavascriptExecutor) d).executeScript(
                "const c = document.getElementById(arguments[0]); const px = c.getContext('2d')"
                        + ".getImageData(0, 0, c.width, c.height).data; let n = 0;"
                        + "for (let i = 0; i < px.length; i += 4) {"
                        + "  if (Math.abs(px[i] - 11) + Math.abs(px[i + 1] - 16) + Math.abs(px[i + 2] - 21) > 60) n++; }"
                        + "return n;", canvasId);
        return ((Number) n).longValue();
    }
}
