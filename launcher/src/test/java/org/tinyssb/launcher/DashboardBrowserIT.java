package org.tinyssb.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser (headless Chromium driven by Selenium WebDriver, Debian's
 * {@code chromium} and {@code chromium-driver}; nothing is downloaded at run time) on a running
 * two-node setup: node B's new entry and chat message arrive live on node A's page, a chat message
 * sent from the page reaches B, an entry is published through the page's form, a setting is changed through the form made from its metatype, and the UDP
 * link's bundle is stopped and started with the page's buttons. Screenshots (desktop and phone
 * size) go to {@code target/screenshots}. CI ({@code .ci/run}) installs the browser and requires
 * this test to run; elsewhere it says it did not run when there is no browser.
 */
class DashboardBrowserIT {
    private static final Path DIST = Path.of(System.getProperty("tinyssb.dist"));
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private record Node(NodeProcess process, Path data, Path config, int httpPort, int wsPort, String id) {
        String base() {
            return "http://127.0.0.1:" + httpPort;
        }
    }

    private Node start(String name, String connectTo) throws Exception {
        Path config = Files.createDirectories(dir.resolve(name + "/config"));
        NodeProcess.freePortsConfig(config);
        int ws = NodeProcess.freePort();
        Files.writeString(config.resolve("org.tinyssb.link.websocket.server.cfg"), "host = 127.0.0.1\nport = " + ws + "\n");
        if (connectTo != null) {
            Files.writeString(config.resolve("org.tinyssb.link.websocket.client.cfg"), "urls = " + connectTo + "\n");
        }
        int port = NodeProcess.freeHttpConfig(config);
        Path data = dir.resolve(name + "/data");
        NodeProcess p = NodeProcess.start(DIST, "--feature", "web", "--no-shell", "--data", data.toString(),
                "--config", config.toString(), "--deploy", dir.resolve(name + "/deploy").toString());
        String identity = p.awaitLine("the node's identity", l -> l.contains("node identity @"));
        String id = identity.substring(identity.indexOf('@'), identity.indexOf(".ed25519") + ".ed25519".length());
        p.awaitLine("Jetty on its port", l -> l.contains("Started Jetty") && l.contains("HTTP:" + port));
        return new Node(p, data, config, port, ws, id);
    }

    @Test
    void theDashboardOfARunningTwoNodeSetupShowsNewsAndChatLivePublishesChangesASettingAndRestartsALink() throws Exception {
        boolean required = "1".equals(System.getenv("TINYSSB_REQUIRE_BROWSER"));
        boolean browser = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (required) {
            assertTrue(browser, "CI requires the browser test: install chromium and chromium-driver");
        }
        assumeTrue(browser, "no " + CHROMIUM + " and " + CHROMEDRIVER + " here (apt install chromium chromium-driver): "
                + "the dashboard's browser test did not run");

        Node a = start("a", null);
        Node b = null;
        WebDriver driver = null;
        try {
            b = start("b", "ws://127.0.0.1:" + a.wsPort() + "/");
            System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--window-size=1280,1100", "--user-data-dir=" + dir.resolve("chromium"));
            driver = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                    .usingAnyFreePort().build(), options);
            WebDriver page = driver;
            WebDriverWait wait = new WebDriverWait(driver, WAIT);
            driver.get(a.base() + "/");
            assertEquals("tinySSB node", driver.getTitle());
            String aId = a.id();
            wait.withMessage("the page shows node A's identity")
                    .until(d -> d.findElement(By.id("node-id")).getText().equals(aId));

            // node B publishes; its entry arrives on A, and A's page shows it without a reload
            String bShort = shortId(b.id());
            HttpResponse<String> published = post(b.base() + "/api/publish", "{\"text\": \"hello from B\"}", token(b));
            assertEquals(200, published.statusCode(), published.body());
            wait.withMessage("B's new entry shown on A's page").until(d -> feedRow(d, bShort).contains(" 1 "));

            // a chat message of B's arrives live on A's page; one sent from A's page reaches B
            HttpResponse<String> chatted = post(b.base() + "/api/chat", "{\"text\": \"hi A, it is B\"}", token(b));
            assertEquals(200, chatted.statusCode(), chatted.body());
            wait.withMessage("B's chat message on A's page").until(d -> d.findElement(By.id("chat")).getText()
                    .contains("hi A, it is B"));

            // publish through the page's form, with the token typed in
            driver.findElement(By.id("token")).sendKeys(token(a));
            driver.findElement(By.id("text")).sendKeys("hello from A's dashboard");
            driver.findElement(By.cssSelector("#publish-form button")).click();
            wait.withMessage("the publish result").until(d -> d.findElement(By.id("publish-result")).getText()
                    .startsWith("done"));
            driver.findElement(By.id("chat-text")).sendKeys("hello B, from A's page");
            driver.findElement(By.cssSelector("#chat-form button")).click();
            wait.withMessage("the chat result").until(d -> d.findElement(By.id("chat-result")).getText().startsWith("done"));
            Node nodeB = b;
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!get(nodeB.base() + "/api/chat").contains("hello B, from A's page")) {
                assertTrue(System.nanoTime() < deadline, "A's chat message did not reach B within " + WAIT);
                Thread.sleep(100); // polling B's API, bounded by the deadline
            }
            String aShort = shortId(aId);
            // A's feed: its chat message, then the published entry
            wait.withMessage("A's own entries in the feeds table").until(d -> feedRow(d, aShort).contains(" 2 "));

            // a setting changed through the form generated from the metatype description
            new Select(driver.findElement(By.id("pid"))).selectByValue("org.tinyssb.core.node");
            WebElement beacon = wait.withMessage("the node's settings form").until(d -> d.findElement(
                    By.cssSelector("#settings-fields[data-pid='org.tinyssb.core.node'] [data-id='peer.beacon.interval.s']")));
            assertEquals("input", beacon.getTagName(), "a setting without options is a text field");
            beacon.clear();
            beacon.sendKeys("300");
            driver.findElement(By.cssSelector("#settings-form button")).click();
            wait.withMessage(() -> "the settings result, not: " + page.findElement(By.id("settings-result"))
                    .getText()).until(d -> d.findElement(By.id("settings-result")).getText().startsWith("done"));
            assertTrue(Files.readString(a.config().resolve("org.tinyssb.core.node.cfg"))
                    .contains("peer.beacon.interval.s = 300"));

            // the UDP link's bundle stopped and started with the page's buttons
            wait.withMessage("the UDP link listed").until(d -> d.findElement(By.id("links")).getText().contains("udp:"));
            clickBundleButton(driver, wait, "org.tinyssb.link.udp", "stop");
            wait.withMessage("the UDP bundle stopped").until(d -> bundleRow(d, "org.tinyssb.link.udp").contains("RESOLVED"));
            wait.withMessage("the UDP link gone").until(d -> !d.findElement(By.id("links")).getText().contains("udp:"));
            clickBundleButton(driver, wait, "org.tinyssb.link.udp", "start");
            wait.withMessage("the UDP bundle active again").until(d -> bundleRow(d, "org.tinyssb.link.udp").contains("ACTIVE"));
            wait.withMessage("the UDP link back").until(d -> d.findElement(By.id("links")).getText().contains("udp:"));

            Path shots = Files.createDirectories(Path.of("target/screenshots"));
            ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("window.scrollTo(0, 0)");
            screenshot(driver, shots.resolve("dashboard.png"));
            driver.manage().window().setSize(new Dimension(390, 1000));
            driver.navigate().refresh();
            wait.withMessage("the page on a phone's screen").until(d -> d.findElement(By.id("node-id")).getText().equals(aId));
            wait.until(d -> feedRow(d, bShort).contains(" 2 ")); // B's entry and its chat message
            screenshot(driver, shots.resolve("dashboard-phone.png"));
        } finally {
            if (driver != null) {
                driver.quit();
            }
            if (b != null) {
                b.process().close();
            }
            a.process().close();
        }
    }

    private static String shortId(String ssbId) {
        byte[] key = java.util.Base64.getDecoder().decode(ssbId.substring(1, ssbId.length() - ".ed25519".length()));
        return java.util.HexFormat.of().formatHex(key).substring(0, 8);
    }

    /** The feeds table's row of {@code shortId}, cells joined by spaces ("" if none). */
    private static String feedRow(WebDriver d, String shortId) {
        return row(d, "feeds", shortId);
    }

    private static String bundleRow(WebDriver d, String name) {
        return row(d, "bundles", name);
    }

    /**
     * A row of a table the page rebuilds every two seconds, read in one go inside the page (so
     * that no element goes stale between reading its cells): its cells joined by spaces.
     */
    private static String row(WebDriver d, String table, String first) {
        Object text = ((org.openqa.selenium.JavascriptExecutor) d).executeScript(
                "for (const r of document.querySelectorAll('#' + arguments[0] + ' tbody tr')) {"
                        + " const t = ' ' + [...r.cells].map(c => c.textContent).join(' ') + ' ';"
                        + " if (t.includes(' ' + arguments[1] + ' ')) return t; }"
                        + " return '';", table, first);
        return text == null ? "" : text.toString();
    }

    /** Clicks the button of {@code name}'s row once it reads {@code label} (the page rebuilds rows; the click is in-page). */
    private static void clickBundleButton(WebDriver driver, WebDriverWait wait, String name, String label) {
        wait.withMessage("the " + label + " button of " + name).until(d -> Boolean.TRUE.equals(
                ((org.openqa.selenium.JavascriptExecutor) d).executeScript(
                        "for (const r of document.querySelectorAll('#bundles tbody tr')) {"
                                + " if (r.cells[1] && r.cells[1].textContent === arguments[0]) {"
                                + "  const b = r.querySelector('button');"
                                + "  if (b && b.textContent === arguments[1]) { b.click(); return true; } } }"
                                + " return false;", name, label)));
    }

    private static void screenshot(WebDriver driver, Path file) throws Exception {
        Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, file, StandardCopyOption.REPLACE_EXISTING);
    }

    private static String token(Node n) throws Exception {
        return Files.readString(n.data().resolve("web/token")).strip();
    }

    private String get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private HttpResponse<String> post(String url, String body, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
