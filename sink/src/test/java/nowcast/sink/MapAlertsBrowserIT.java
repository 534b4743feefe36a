package nowcast.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

import nowcast.forecast.Forecast;
import nowcast.frame.Frame;
import nowcast.frame.Quantisation;
import nowcast.platform.testing.LocalStack;
import nowcast.schemas.Topics;
import nowcast.schemas.serde.NowcastSerdes;
import nowcast.sink.alerts.Storms;
import nowcast.sink.store.DirectoryForecastStore;
import nowcast.sink.web.DashboardServer;

/**
 * The map and the alert flow in a real headless Chromium: a georeferenced source drawn over the
 * Natural Earth outlines, the cursor's lat/lon and values, stepping through leads, a circle drawn with
 * the mouse that becomes a rule, and the storm that then sets the alert off, listed on the page.
 * Saves {@code target/map-alerts.png} (the picture in docs/img).
 */
class MapAlertsBrowserIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final ObjectMapper JSON = new ObjectMapper();

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
        sink = new SinkService(new SinkService.Settings(stack.bootstrapServers(), stack.registryUrl(), topics,
                "sink-" + topics.prefix(), DashboardServer.Settings.localhost(0), Duration.ofDays(1),
                Duration.ofMinutes(10), 50), new DirectoryForecastStore(storeDir));
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
                "--disable-dev-shm-usage", "--window-size=1600,1150", "--user-data-dir=" + profile);
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build(), options);
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

    private void publish(int base) {
        Frame frame = new Frame("nl", Storms.T0.plus(Storms.CADENCE.multipliedBy(base)), Storms.CADENCE, "synthetic",
                Storms.field(base), Quantisation.float32(), Storms.GEO, null, null);
        frames.send(new ProducerRecord<>(topics.frames(), "nl", frame));
        frames.flush();
        forecasts.send(new ProducerRecord<>(topics.forecasts(), "nl", Storms.forecast("nl", base)));
        forecasts.flush();
    }

    @Test
    void drawsTheMapReadsTheCursorStepsLeadsAndTurnsADrawnCircleIntoAnAlert() throws Exception {
        publish(0);
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> portOrZero() > 0);
        browser.get("http://127.0.0.1:" + sink.port() + "/");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(d -> "geo".equals(attribute(d, "forecast", "data-map"))
                && Integer.parseInt(orZero(attribute(d, "forecast", "data-segments"))) > 10);
        wait.until(d -> "geo".equals(attribute(d, "observed", "data-map")));

        // lead stepping: the next button stops the animation and shows lead 2 (+10 min)
        browser.findElement(By.id("next")).click();
        String lead = browser.findElement(By.id("lead-label")).getText();
        browser.findElement(By.id("next")).click();
        assertThat(Integer.parseInt(browser.findElement(By.id("lead-label")).getText()))
                .isEqualTo(Integer.parseInt(lead) + 5);
        assertThat(attribute(browser, "forecast", "data-drawn-lead")).isNotNull();

        // the cursor at the canvas centre is the centre of the forecast grid (the view has equal margins)
        WebElement canvas = browser.findElement(By.id("forecast"));
        new Actions(browser).moveToElement(canvas, 0, 0).perform();
        wait.until(d -> d.findElement(By.id("cursor")).getText().contains("forecast +"));
        double[] centre = Storms.lonLat(32, 32);
        double[] corner = Storms.lonLat(31, 31);
        String cursor = browser.findElement(By.id("cursor")).getText();
        assertThat(cursor).contains("° N").contains("observed:").contains("rain next 30 min").contains("P(≥ 1");
        double lat = Double.parseDouble(attribute(browser, "cursor", "data-lat"));
        double lon = Double.parseDouble(attribute(browser, "cursor", "data-lon"));
        assertThat(lat).isCloseTo((centre[1] + corner[1]) / 2, within(0.02));
        assertThat(lon).isCloseTo((centre[0] + corner[0]) / 2, within(0.02));

        // draw a circle around pixel (32, 40): 17 km east of the centre; drag 15 px (about 6 km) for the radius
        browser.findElement(By.id("draw")).click();
        double pxPerKm = canvas.getSize().getWidth() / (1.2 * 2 * Storms.SIZE);
        int dx = (int) Math.round(17 * pxPerKm);
        new Actions(browser).moveToElement(canvas, dx, 2).clickAndHold().moveByOffset(15, 0).release().perform();
        wait.until(d -> d.findElement(By.id("rule-form")).isDisplayed());
        browser.findElement(By.id("rule-threshold")).clear();
        browser.findElement(By.id("rule-threshold")).sendKeys("5");
        browser.findElement(By.id("rule-within")).clear();
        browser.findElement(By.id("rule-within")).sendKeys("15");
        browser.findElement(By.id("rule-create")).click();
        wait.until(d -> d.findElement(By.id("rule-result")).getText().contains("created"));
        JsonNode rules = JSON.readTree(get("/api/alerts/rules")).get("rules");
        assertThat(rules).hasSize(1);
        JsonNode area = rules.get(0).get("area");
        assertThat(area.get("type").asText()).isEqualTo("circle");
        double[] target = Storms.lonLat(32, 40);
        assertThat(area.get("lat").asDouble()).isCloseTo(target[1], within(0.03));
        assertThat(area.get("lon").asDouble()).isCloseTo(target[0], within(0.03));
        assertThat(area.get("radiusKm").asDouble()).isBetween(3.0, 10.0);
        wait.until(d -> !d.findElements(By.cssSelector("#rules li[data-rule]")).isEmpty());

        // the storm moves in: the alert starts and the page lists it without reload
        for (int base = 1; base <= 12; base++) {
            publish(base);
        }
        wait.until(d -> !d.findElements(By.cssSelector("#alerts li[data-rule]")).isEmpty());
        wait.until(d -> "2026-06-01T13:00:00Z".equals(attribute(d, "forecast", "data-base-time")));
        ((JavascriptExecutor) browser).executeScript("state.playing = false; showLead(2);");
        new Actions(browser).moveToElement(canvas, dx, 2).perform();
        wait.until(d -> d.findElement(By.id("cursor")).getText().contains("forecast +15 min"));

        ((JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0);");
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Path out = Path.of("target", "map-alerts.png");
        Files.createDirectories(out.getParent());
        Files.copy(shot, out, StandardCopyOption.REPLACE_EXISTING);
    }

    private String get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sink.port()
                + path)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private int portOrZero() {
        try {
            return sink.port();
        } catch (RuntimeException notStarted) {
            return 0;
        }
    }

    private static String orZero(String s) {
        return s == null ? "0" : s;
    }

    private static String attribute(WebDriver d, String id, String name) {
        return d.findElement(By.id(id)).getAttribute(name);
    }
}
