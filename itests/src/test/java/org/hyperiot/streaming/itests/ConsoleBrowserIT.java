package org.hyperiot.streaming.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The web console in a real browser (Debian's headless Chromium, driven by Selenium through the system
 * chromedriver) against one node of the built distribution: an admin logs in, creates a stream in the
 * editor (an error first, shown at its line; then fixed), starts it, sees its numbers and charts move as
 * records arrive, stops it; the topics, topologies, sagas (a compensated order saga of the examples)
 * and API pages show what the node holds; a viewer sees the same pages without a single control. The
 * browser must have asked nothing of any host but the node, and the page's Content-Security-Policy
 * must have refused nothing. Each page is saved as a screenshot for docs/console.md.
 */
public class ConsoleBrowserIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SCREENSHOTS = Path.of(System.getProperty("hyperiot.itest.console.screenshots",
            "target/console-screenshots"));
    private static final String CHROMEDRIVER =
            System.getProperty("hyperiot.itest.chromedriver", "/usr/bin/chromedriver");
    private static final String CHROMIUM = System.getProperty("hyperiot.itest.chromium", "/usr/bin/chromium");
    /**
     * With the embedded Storm (the default) the example topology is deployed and shown; it costs four JVMs
     * and half a minute, which {@code -Dhyperiot.itest.console.storm=false} saves while working on the pages.
     */
    private static final boolean WITH_STORM = Boolean.parseBoolean(System.getProperty("hyperiot.itest.console.storm",
            "true"));

    private static final String STREAM = "console-hot-readings";
    private static final String SOURCE = "console-readings";
    private static final String SINK = "console-hot";
    private static final String VIEWER = "vera";
    private static final String VIEWER_PASSWORD = "vera-" + UUID.randomUUID();

    private final String password = "pw-" + UUID.randomUUID();
    private final int kafkaPort = Ports.freePair();
    private final int httpPort = Ports.free();
    private DistributionNode node;
    private Http http;
    private WebDriver browser;
    private WebDriverWait wait;
    private String console;
    private KafkaProducer<String, String> producer;
    private final List<String> requestedUrls = new ArrayList<>();
    private final List<String> browserComplaints = new ArrayList<>();
    private int screenshot;
    private long started;

    @Before
    public void startNodeAndBrowser() throws Exception {
        started = System.nanoTime();
        Map<String, String> environment = WITH_STORM ? DistributionNode.withEmbeddedStorm(kafkaPort)
                : Map.of("STREAMING_KAFKA_PORT", Integer.toString(kafkaPort));
        node = new DistributionNode(KarafOptions.WORK.resolve("console-home-" + UUID.randomUUID()), httpPort, password,
                environment);
        node.start();
        http = node.http();
        console = "http://127.0.0.1:" + httpPort + "/streaming/console/";
        lap("node up");

        assertTrue(CHROMEDRIVER + " is missing: install Debian's chromium and chromium-driver (.ci/run does)",
                Files.isExecutable(Path.of(CHROMEDRIVER)));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,1000",
                "--user-data-dir=" + Files.createTempDirectory(KarafOptions.WORK, "chromium-profile-"));
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.PERFORMANCE, Level.ALL);
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logging);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        // Polling pages redraw their tables: an element found a moment ago may be gone, found again next round.
        wait.ignoring(StaleElementReferenceException.class);
        Files.createDirectories(SCREENSHOTS);
        lap("browser up");
    }

    @After
    public void stopEverything() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
        if (node != null) {
            node.stopLeavingNothing();
        }
    }

    @Test
    public void anAdminRunsAStreamFromTheConsoleAndAViewerOnlyLooks() throws Exception {
        servesOnlyItsFilesWithTheSecurityHeaders();
        // In the node: the examples (their order saga), and a viewer.
        node.shell("feature:install hyperiot-streaming-examples");
        node.addUser(VIEWER, VIEWER_PASSWORD, "streaming-viewers");
        // Order sagas, which run while the browser works: one completes, one's charge fails and is compensated,
        // and in two the shipment fails and then the release of the reservation fails its five attempts
        // (about 15 s of back-off): FAILED_TO_COMPENSATE, waiting for an operator.
        String completed = startSaga("console-o-1", "{\"orderId\":\"o-1\",\"amount\":25}");
        String compensated = startSaga("console-o-2", "{\"orderId\":\"o-2\",\"amount\":25,\"fail\":\"charge\"}");
        String toRetry = startSaga("console-o-3", stuckOrder("o-3"));
        String stuck = startSaga("console-o-4", stuckOrder("o-4"));
        lap("examples, viewer and sagas");

        browser.get(console);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
        capture("login");
        logIn("admin", password);
        visible("[data-test=node] .badge");
        awaitText("[data-test=kafka] .badge", "UP");
        capture("overview");

        // Topics through the console: the stream's source and sink.
        go("#/topics");
        for (String topic : List.of(SOURCE, SINK)) {
            WebElement name = visible("[data-test=topic-name]");
            name.sendKeys(topic);
            WebElement partitions = find("[data-test=topic-partitions]");
            partitions.clear();
            partitions.sendKeys("2");
            find("[data-action=create-topic]").click();
            present("tr[data-topic='" + topic + "']");
        }
        // The API refuses to delete the platform's topics: no Delete is offered for them.
        assertEquals(1, findAll("tr[data-topic='" + SOURCE + "'] [data-action=delete-topic]").size());
        assertEquals(0, findAll("tr[data-topic='hyperiot-streaming-status'] [data-action=delete-topic]").size());
        capture("topics");
        // A topic deleted from its row: the first click arms the button, the second deletes.
        String doomedTopic = SOURCE + "-doomed";
        visible("[data-test=topic-name]").sendKeys(doomedTopic);
        find("[data-action=create-topic]").click();
        present("tr[data-topic='" + doomedTopic + "']");
        armAndConfirm("tr[data-topic='" + doomedTopic + "'] [data-action=delete-topic]", "Confirm delete", () -> { });
        awaitText(".notice", "Topic " + doomedTopic + " deleted.");
        // The list is read again at once, when Kafka may still name the topic: open the page again until it does not.
        Eventually.within(Duration.ofSeconds(30), () -> {
            go("#/streams");
            go("#/topics");
            present("tr[data-topic='" + SOURCE + "']");
            assertEquals(0, findAll("tr[data-topic='" + doomedTopic + "']").size());
        });
        lap("topics");

        // The editor: an error first, shown at the line of its pointer.
        go("#/streams");
        clickable("[data-action=new-stream]").click();
        WebElement editor = visible("[data-test=definition]");
        String wrong = definition("hourly", "above");
        setText(editor, wrong);
        find("[data-action=validate]").click();
        visible("[data-test=errors] li");
        Map<String, String> linesByPointer = errorLines();
        int durationLine = lineOf(wrong, "\"hourly\"");
        int comparisonLine = lineOf(wrong, "\"above\"");
        assertEquals(linesByPointer.toString(), Integer.toString(durationLine), linesByPointer.get("/commitInterval"));
        assertEquals(linesByPointer.toString(), Integer.toString(comparisonLine),
                linesByPointer.get("/pipeline/1/where/above"));
        for (int line : List.of(durationLine, comparisonLine)) {
            assertTrue("the gutter marks line " + line,
                    find("[data-test=gutter] [data-line='" + line + "']").getAttribute("class").contains("has-error"));
        }
        assertEquals(2, findAll("[data-test=gutter] .has-error").size());
        capture("editor-error");
        // Create refuses it too (422), with the same errors at the same lines.
        find("[data-action=save]").click();
        awaitText(".notice.error", "Not saved");
        assertEquals(linesByPointer, errorLines());
        // Text that is not JSON is shown at its line without asking the node.
        String notJson = definition("200ms", "gt").replace("\"sink\"", "sink");
        setText(editor, notJson);
        find("[data-action=validate]").click();
        wait.until(ExpectedConditions.attributeToBe(By.cssSelector("[data-test=errors] li"), "data-line",
                Integer.toString(lineOf(notJson, "sink:"))));

        setText(editor, definition("200ms", "gt"));
        find("[data-action=save]").click();
        wait.until(ExpectedConditions.urlContains("#/streams/" + STREAM));
        clickable("[data-action=start]").click();
        awaitText("[data-test=stream-state]", "RUNNING");
        lap("stream created and started");

        // Records in: the numbers and the charts move.
        producer = new KafkaProducer<>(node.kafkaClient(kafkaPort), new StringSerializer(), new StringSerializer());
        send(200);
        wait.until(driver -> number("records-in") >= 200);
        long firstCount = number("records-in");
        send(300);
        wait.until(driver -> number("records-in") >= firstCount + 300);
        assertTrue("records out: " + number("records-out"), number("records-out") > 0);
        assertEquals(4, findAll(".chart .uplot canvas").size());
        wait.until(driver -> pointsOnChart() >= 3);
        capture("stream-detail");
        lap("records counted");

        // Edited in place: the editor opens with the stored definition, and a save replaces it (PUT).
        find("[data-action=edit]").click();
        WebElement stored = visible("[data-test=definition]");
        wait.until(driver -> stored.getAttribute("value").contains("\"commitInterval\": \"200ms\""));
        setText(stored, stored.getAttribute("value").replace("200ms", "300ms"));
        find("[data-action=save]").click();
        clickable("[data-action=stop]");
        assertEquals("300ms", JSON.readTree(http.get("/streams/" + STREAM, "admin", password).body())
                .path("definition").path("commitInterval").asText());
        awaitText("[data-test=stream-state]", "RUNNING");
        // Restart: the node stops its tasks and starts them again; the stream ends RUNNING and takes new records.
        long beforeRestart = number("records-in");
        find("[data-action=restart]").click();
        awaitText(".notice", "restart requested");
        awaitText("[data-test=stream-state]", "RUNNING");
        send(100);
        // The restarted tasks count from zero again, or on from where they were.
        wait.until(driver -> {
            long counted = number("records-in");
            return counted >= beforeRestart + 100 || counted < beforeRestart && counted >= 100;
        });

        find("[data-action=stop]").click();
        awaitText("[data-test=stream-state]", "STOPPED");
        go("#/streams");
        awaitText("tr[data-stream='" + STREAM + "']", "STOPPED");
        capture("streams");

        // Delete asks twice: the first click arms the button, the second deletes and goes back to the list.
        String doomed = STREAM + "-doomed";
        assertEquals(201, http.post("/streams", definition("200ms", "gt").replace(STREAM, doomed), "admin", password)
                .statusCode());
        go("#/streams/" + doomed);
        armAndConfirm("[data-action=delete]", "Confirm delete",
                () -> assertEquals(200, http.get("/streams/" + doomed, "admin", password).statusCode()));
        wait.until(ExpectedConditions.urlToBe(console + "#/streams"));
        Eventually.within(Duration.ofSeconds(30), () -> assertEquals(404,
                http.get("/streams/" + doomed, "admin", password).statusCode()));
        present("tr[data-stream='" + STREAM + "']");
        assertEquals(0, findAll("tr[data-stream='" + doomed + "']").size());
        lap("stream restarted, another deleted");

        // Storm: the example topology when this node runs Storm; without it, the page says Storm is not there.
        go("#/topologies");
        if (WITH_STORM) {
            wait.withTimeout(Duration.ofSeconds(120)).until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("tr[data-topology='example-alerts']")));
            wait.withTimeout(Duration.ofSeconds(30));
            capture("topologies");
            find("tr[data-topology='example-alerts'] a").click();
            awaitText("[data-test=bolts]", "threshold");
            capture("topology-detail");
            // Each control reaches Nimbus: the status Storm reports follows.
            find("[data-action=deactivate]").click();
            awaitExactText(".title-row .badge", "INACTIVE");
            find("[data-action=activate]").click();
            awaitExactText(".title-row .badge", "ACTIVE");
            setNumber("[aria-label='wait seconds']", 5);
            find("[data-action=rebalance]").click();
            awaitText(".notice", "rebalance requested");
            // Storm rebalances after the wait; the kill below waits as long.
            wait.withTimeout(Duration.ofSeconds(60));
            awaitExactText(".title-row .badge", "ACTIVE");
            armAndConfirm("[data-action=kill]", "Confirm kill", () -> { });
            awaitText(".notice", "kill requested");
            // KILLED for the kill wait, then Nimbus forgets it (the deployer submits it again within a minute).
            wait.until(driver -> {
                String shown = find("#page").getText();
                return shown.contains("KILLED") || shown.contains("No topology");
            });
            wait.withTimeout(Duration.ofSeconds(30));
            lap("topology deactivated, activated, rebalanced, killed");
        } else {
            visible("[data-page=topologies] .notice, [data-test=topologies]");
            capture("topologies");
        }

        // Sagas: those that failed to compensate are listed first; an operator retries one from its page.
        Eventually.within(Duration.ofSeconds(90), () -> {
            assertEquals("COMPENSATED", sagaState(compensated));
            assertEquals("FAILED_TO_COMPENSATE", sagaState(toRetry));
            assertEquals("FAILED_TO_COMPENSATE", sagaState(stuck));
        });
        go("#/sagas");
        present("tr[data-saga='" + completed + "']");
        present("tr[data-saga='" + compensated + "'][data-state=COMPENSATED]");
        // Read in one go: the list is redrawn every 5 s.
        @SuppressWarnings("unchecked")
        List<String> listed = (List<String>) ((JavascriptExecutor) browser).executeScript(
                "return Array.from(document.querySelectorAll('tr[data-saga]')).map(row => row.dataset.state)");
        assertEquals(listed.toString(), List.of("FAILED_TO_COMPENSATE", "FAILED_TO_COMPENSATE"), listed.subList(0, 2));
        assertEquals(listed.toString(), 4, listed.size());
        capture("sagas");
        go("#/sagas/" + toRetry);
        clickable("[data-action=retry]").click();
        present(".title-row [data-state=COMPENSATED]");
        go("#/sagas/" + compensated);
        present("[data-test=saga-timeline] li[data-kind=SAGA_COMPENSATED]");
        assertTrue(find("[data-test=saga-steps]").getText().contains("COMPENSATED"));
        capture("saga-detail");
        lap("sagas");

        browser.get(console + "api.html");
        present(".swagger-ui .opblock");
        assertTrue("the API page lists GET /me", findAll(".opblock-summary-path")
                .stream().anyMatch(path -> path.getText().replace("\u200b", "").equals("/me")));
        capture("api");
        lap("api page");

        // The viewer: every page, not one control.
        browser.get(console);
        wait.until(ExpectedConditions.elementToBeClickable(By.id("logout"))).click();
        logIn(VIEWER, VIEWER_PASSWORD);
        for (String page : List.of("#/streams", "#/streams/" + STREAM, "#/topics", "#/topologies", "#/sagas",
                "#/sagas/" + stuck)) {
            go(page);
            // Each page has drawn its data (a table or a notice) before it is looked at.
            present("#page table, #page .notice");
            if (page.equals("#/streams/" + STREAM)) {
                awaitText("[data-test=stream-state]", "STOPPED");
                capture("viewer-stream-detail");
            }
            assertEquals(page, List.of(), findAll("button.control, [data-action]")
                    .stream().map(WebElement::getText).toList());
            assertEquals(page, 0, findAll("form.inline-form").size());
        }
        lap("viewer");

        collectBrowserLogs();
        Set<String> foreign = new TreeSet<>();
        for (String url : requestedUrls) {
            // Not network requests: data: URLs (Swagger UI's icons, not all of which parse as URIs), and the
            // browser's own chrome:// pages (its start page, before the first navigation).
            if (url.startsWith("data:") || url.startsWith("blob:") || url.startsWith("chrome:")
                    || url.startsWith("about:")) {
                continue;
            }
            URI uri = URI.create(url);
            if (!"127.0.0.1".equals(uri.getHost()) || uri.getPort() != httpPort) {
                foreign.add(url);
            }
        }
        assertTrue("requests seen: " + requestedUrls.size(), requestedUrls.size() > 20);
        assertEquals("requests to other hosts", Set.of(), foreign);
        assertEquals("the browser's complaints (CSP, errors)", List.of(), browserComplaints);
        lap("done: " + requestedUrls.size() + " requests, all to the node");
    }

    /** As the node's HTTP server answers, not only as the servlet does in its unit tests. */
    private void servesOnlyItsFilesWithTheSecurityHeaders() throws Exception {
        Http files = new Http(console.substring(0, console.length() - 1));
        HttpResponse<String> page = files.get("/", null, null);
        assertEquals(200, page.statusCode());
        String policy = page.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(policy, policy.contains("default-src 'self'") && policy.contains("frame-ancestors 'none'")
                && !policy.contains("unsafe"));
        assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertEquals("no-cache", page.headers().firstValue("Cache-Control").orElse(""));
        Matcher chartLibrary = Pattern.compile("content=\"(lib/uplot/[^\"]+)\"").matcher(page.body());
        assertTrue(page.body(), chartLibrary.find());
        HttpResponse<String> library = files.get("/" + chartLibrary.group(1), null, null);
        assertEquals(200, library.statusCode());
        assertTrue(library.headers().firstValue("Content-Type").orElse("").startsWith("text/javascript"));
        assertTrue(library.headers().firstValue("Cache-Control").orElse("").contains("immutable"));
        // The bundle's other entries (its component description, its classes) are not files of the console.
        for (String path : List.of("/OSGI-INF/org.hyperiot.streaming.console.internal.ConsoleServlet.xml",
                "/..%2fOSGI-INF%2forg.hyperiot.streaming.console.internal.ConsoleServlet.xml",
                "/%2e%2e/org/hyperiot/streaming/console/internal/ConsoleServlet.class", "/js/", "/missing.js")) {
            HttpResponse<String> refused = files.get(path, null, null);
            assertTrue(path + ": " + refused.statusCode(), refused.statusCode() == 404 || refused.statusCode() == 400);
            assertTrue(path + ": " + refused.body(), !refused.body().contains("scr:component")
                    && !refused.body().contains("org/hyperiot/streaming/console/internal"));
        }
        assertTrue(files.get("/missing.js", null, null).headers().firstValue("Content-Security-Policy").isPresent());
    }

    /** The stream's definition, one value per line where an error may be put. */
    private static String definition(String commitInterval, String comparison) {
        return String.join("\n",
                "{",
                "  \"name\": \"" + STREAM + "\",",
                "  \"guarantee\": \"at-least-once\",",
                "  \"commitInterval\": \"" + commitInterval + "\",",
                "  \"source\": { \"topics\": [\"" + SOURCE + "\"], \"startFrom\": \"earliest\" },",
                "  \"pipeline\": [",
                "    { \"op\": \"set\", \"field\": \"checked\", \"value\": true },",
                "    { \"op\": \"filter\",",
                "      \"where\": { \"field\": \"temp\", \"" + comparison + "\": 25 } }",
                "  ],",
                "  \"sink\": { \"topic\": \"" + SINK + "\" }",
                "}");
    }

    /** The errors the editor lists: pointer → line. */
    private Map<String, String> errorLines() {
        Map<String, String> lines = new TreeMap<>();
        for (WebElement item : findAll("[data-test=errors] li")) {
            lines.put(item.getAttribute("data-pointer"), item.getAttribute("data-line"));
        }
        return lines;
    }

    private static int lineOf(String text, String needle) {
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(needle)) {
                return i + 1;
            }
        }
        throw new AssertionError(needle + " not in " + text);
    }

    private WebElement visible(String css) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    private WebElement present(String css) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
    }

    private WebElement clickable(String css) {
        return wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(css)));
    }

    private void awaitText(String css, String text) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
    }

    /** Exactly {@code text}: INACTIVE contains ACTIVE. */
    private void awaitExactText(String css, String text) {
        wait.until(ExpectedConditions.textToBe(By.cssSelector(css), text));
    }

    /**
     * Clicks a control that asks again before it acts: the first click arms it (its label turns to
     * {@code confirmLabel}), {@code whileArmed} runs, the second click acts.
     */
    private void armAndConfirm(String css, String confirmLabel, Eventually.Check whileArmed) throws Exception {
        clickable(css).click();
        awaitText(css, confirmLabel);
        whileArmed.run();
        find(css).click();
    }

    private void setNumber(String css, int value) {
        WebElement input = find(css);
        input.clear();
        input.sendKeys(Integer.toString(value));
    }

    private WebElement find(String css) {
        return browser.findElement(By.cssSelector(css));
    }

    private List<WebElement> findAll(String css) {
        return browser.findElements(By.cssSelector(css));
    }

    private void logIn(String user, String userPassword) {
        WebElement name = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-user")));
        name.clear();
        name.sendKeys(user);
        browser.findElement(By.id("login-password")).sendKeys(userPassword);
        browser.findElement(By.id("login-submit")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("nav")));
        assertTrue(browser.findElement(By.id("session-user")).getText().startsWith(user));
    }

    private void go(String hash) {
        ((JavascriptExecutor) browser).executeScript("location.hash = arguments[0]", hash);
        // The page has switched when it says which route it shows (the hashchange handler runs after the script).
        wait.until(driver -> hash.equals(((JavascriptExecutor) driver).executeScript(
                "return document.getElementById('page').dataset.route")));
    }

    /** Replaces the editor's text as a paste would, firing its input event. */
    private void setText(WebElement textarea, String text) {
        ((JavascriptExecutor) browser).executeScript(
                "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input'));", textarea, text);
    }

    private long number(String test) {
        // Read in one go: the figures are redrawn every 2 s.
        String text = String.valueOf(((JavascriptExecutor) browser).executeScript(
                "const e = document.querySelector(arguments[0]); return e === null ? '' : e.textContent",
                "[data-test=" + test + "]")).replace(",", "");
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Points on the throughput chart so far. */
    private long pointsOnChart() {
        String points = find("[data-chart='Records per second']").getAttribute("data-points");
        return points == null ? 0 : Long.parseLong(points);
    }

    private void send(int readings) {
        long now = System.currentTimeMillis();
        for (int i = 0; i < readings; i++) {
            String device = "d" + (i % 5);
            producer.send(new ProducerRecord<>(SOURCE, device,
                    "{\"deviceId\":\"" + device + "\",\"ts\":" + (now + i) + ",\"temp\":" + (20 + i % 10) + "}"));
        }
        producer.flush();
    }

    /** Starts an order saga (retried while the examples' definition is not registered yet; the key makes that safe). */
    private String startSaga(String key, String input) throws Exception {
        String[] id = new String[1];
        Eventually.within(Duration.ofSeconds(60), () -> {
            HttpResponse<String> response = http.send("POST", "/sagas",
                    ("{\"definition\":\"order\",\"input\":" + input + "}").getBytes(StandardCharsets.UTF_8),
                    "application/json", "admin", password, Map.of("Idempotency-Key", key));
            assertTrue(response.statusCode() + " " + response.body(),
                    response.statusCode() == 201 || response.statusCode() == 200);
            id[0] = JSON.readTree(response.body()).path("id").asText();
        });
        return id[0];
    }

    private static String stuckOrder(String orderId) {
        return "{\"orderId\":\"" + orderId + "\",\"amount\":25,\"fail\":\"ship\",\"failCompensation\":{\"release\":5}}";
    }

    private String sagaState(String id) throws Exception {
        JsonNode saga = JSON.readTree(http.get("/sagas/" + id, "admin", password).body());
        return saga.path("state").asText();
    }

    private void capture(String page) throws IOException {
        screenshot++;
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(String.format("%02d-%s.png", screenshot, page)),
                StandardCopyOption.REPLACE_EXISTING);
        collectBrowserLogs();
    }

    /**
     * Every URL the browser asked for (Chrome's performance log: Network.requestWillBeSent), and what it
     * logged at warning level or above: a CSP refusal, a failed script, an uncaught error.
     */
    private void collectBrowserLogs() throws IOException {
        for (LogEntry entry : browser.manage().logs().get(LogType.PERFORMANCE)) {
            JsonNode message = JSON.readTree(entry.getMessage()).path("message");
            if (message.path("method").asText().equals("Network.requestWillBeSent")) {
                requestedUrls.add(message.path("params").path("request").path("url").asText());
            }
        }
        for (LogEntry entry : browser.manage().logs().get(LogType.BROWSER)) {
            // Error statuses of the API (the 422 provoked on purpose, a 503 without Storm) are the console at
            // work; a console file that fails to load is not.
            boolean expectedHttpError = entry.getMessage().contains("/streaming/api/v1/")
                    && entry.getMessage().contains("the server responded with a status of");
            if (entry.getLevel().intValue() >= Level.WARNING.intValue() && !expectedHttpError) {
                browserComplaints.add(entry.getMessage());
            }
        }
    }

    private void lap(String what) {
        System.out.printf("ConsoleBrowserIT: %s after %.1f s%n", what, (System.nanoTime() - started) / 1e9);
    }
}
