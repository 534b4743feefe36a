package nowcast.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;

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

import nowcast.sink.health.SinkHealth;
import nowcast.sink.store.DirectoryForecastStore;
import nowcast.sink.verify.RollingScores;
import nowcast.sink.verify.Verifier;
import nowcast.sink.web.DashboardServer;
import nowcast.sink.web.EventHub;
import nowcast.sink.web.SourceBoard;

/**
 * The dashboard in a real headless Chromium: a source appears, the forecast is drawn, a new forecast
 * shows up without reload, and the score chart renders. Saves {@code target/dashboard.png}.
 */
class DashboardBrowserIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @TempDir
    Path storeDir;
    @TempDir
    Path profile;

    private DashboardServer server;
    private SinkPipeline pipeline;
    private WebDriver browser;

    @BeforeEach
    void start() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "chromium and chromium-driver are not installed (.ci/install-deps installs them)");
        DirectoryForecastStore store = new DirectoryForecastStore(storeDir);
        SinkHealth health = new SinkHealth(Clock.systemUTC());
        RollingScores rolling = new RollingScores(50);
        SourceBoard board = new SourceBoard(Clock.systemUTC());
        EventHub events = new EventHub(64, 8);
        pipeline = new SinkPipeline(store, Verifier.withDefaults(), rolling, board, events, health, s -> { });
        server = new DashboardServer(DashboardServer.Settings.localhost(0), store, board, rolling, health, events,
                pipeline::pendingVerifications).start();

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
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void showsSourcesForecastAnimationLiveUpdatesAndScores() throws Exception {
        for (int step = 0; step <= 9; step++) {
            pipeline.onFrame(Fixtures.frame("radar-nl", step, 48, 64));
        }
        pipeline.onForecast(Fixtures.forecast("radar-nl", 9, 48, 64, 1, "gs2pm"));

        browser.get("http://127.0.0.1:" + server.port() + "/");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(d -> !d.findElements(By.cssSelector("#sources li[data-source='radar-nl']")).isEmpty());
        wait.until(d -> "2026-03-01T12:45:00Z".equals(attribute(d, "forecast", "data-base-time")));
        wait.until(d -> colouredPixels(d, "forecast") > 20);
        wait.until(d -> colouredPixels(d, "observed") > 20);

        // A new forecast and the observations that verify the first one arrive while the page is open.
        for (int step = 10; step <= 12; step++) {
            pipeline.onFrame(Fixtures.frame("radar-nl", step, 48, 64));
        }
        pipeline.onForecast(Fixtures.forecast("radar-nl", 10, 48, 64, 1, "gs2pm"));
        wait.until(d -> "2026-03-01T12:50:00Z".equals(attribute(d, "forecast", "data-base-time")));
        wait.until(d -> Integer.parseInt(orZero(attribute(d, "chart-mse", "data-points"))) >= 4);
        assertThat(colouredPixels(browser, "chart-mse")).isGreaterThan(100);
        assertThat(browser.findElement(By.id("h-conn")).getText()).isEqualTo("live");

        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Path target = Path.of("target", "dashboard.png");
        Files.createDirectories(target.getParent());
        Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
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
