package io.minnow.agent.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.minnow.agent.testing.FakeGenerator;
import io.minnow.agent.testing.RealModel;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page in Debian's headless Chromium (one browser for the whole class): a wrong password refused, the
 * first login's password change, the dashboard updating live, the self-test button, a chat answer streaming
 * from the default model,
 * stop cancelling a generation, and the layout at a 360 px wide phone screen. Screenshots go to
 * target/screenshots/.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserTest {
    private static final String QUESTION = "How often should I do bearing greasing?";
    private static final String ANSWER = "Grease the motor bearings every 2000 operating hours with 5 g of grease.";
    private static final Path SHOTS = Path.of("target", "screenshots");

    @TempDir
    static Path dir;
    WebFixture real;
    WebFixture slow;
    WebDriver browser;
    WebDriverWait wait;

    @BeforeAll
    void start() throws Exception {
        Path bundle = Path.of("..", "models", "minnow-pump-4.minnow");
        real = new WebFixture(Files.createDirectories(dir.resolve("real")), () -> RealModel.openBundle(bundle),
                "workers: 1", "", new WebServer.Intervals(500, 1000));
        slow = new WebFixture(Files.createDirectories(dir.resolve("slow")), () -> new FakeGenerator(30), "workers: 1", "");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--window-size=1280,900");
        options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        Files.createDirectories(SHOTS);
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (real != null) {
            real.close();
        }
        if (slow != null) {
            slow.close();
        }
    }

    @Test
    @Order(1)
    void aWrongPasswordIsRefused() throws Exception {
        browser.get(real.base + "/");
        login("not-the-password");
        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-error")));
        assertThat(error.getText()).isEqualTo("Wrong password.");
        screenshot("login-desktop");
        assertThat(browser.findElement(By.id("view-dashboard")).isDisplayed()).isFalse();
    }

    @Test
    @Order(2)
    void theFirstLoginAsksForANewPasswordThenTheDashboardUpdatesLive() throws Exception {
        browser.get(real.base + "/");
        firstLogin(real);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("dash-model"), "minnow-pump 4.0.0"));
        String uptime = text("dash-uptime");
        wait.until(d -> !text("dash-uptime").equals(uptime));
        String before = text("dash-requests");
        for (int i = 0; i < 6; i++) {
            real.post("/v1/chat/completions", "{\"model\": \"minnow-pump\", \"messages\": [{\"role\": \"user\", "
                    + "\"content\": \"" + QUESTION + "\"}]}", "Authorization", "Bearer " + WebFixture.TOKEN);
            Thread.sleep(400); // spread over a few history points, for the charts
        }
        String after = Integer.toString(Integer.parseInt(before) + 6);
        wait.until(d -> text("dash-requests").equals(after));
        wait.until(d -> !text("dash-latency").equals("–"));
        wait.until(d -> browser.findElements(By.cssSelector("#chart-latency path.s1")).size() > 0);
        assertThat(text("dash-broker")).isEqualTo("Broker linked");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("action-selftest"))).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("action-result"), "Self-test passed"));
        assertThat(browser.findElement(By.id("action-rollback")).isDisplayed()).as("no model store here").isFalse();
        screenshot("dashboard-desktop");
    }

    @Test
    @Order(3)
    void aChatAnswerStreamsFromTheDefaultModel() throws Exception {
        browser.findElement(By.id("tab-chat")).click();
        WebElement prompt = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("chat-prompt")));
        prompt.sendKeys(QUESTION);
        browser.findElement(By.id("chat-send")).click();
        wait.withMessage(() -> "answers: " + answers() + "; stats: " + stats())
                .until(d -> answers().contains(ANSWER));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".stats"), "tokens/s"));
        assertThat(browser.findElement(By.cssSelector(".stats")).getText()).contains("time to first token");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("chat-mode"))).selectByValue("error_code");
        WebElement code = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("chat-prompt")));
        assertThat(browser.findElement(By.cssSelector("label[for=chat-prompt]")).getText()).isEqualTo("code");
        code.sendKeys("E04");
        browser.findElement(By.id("chat-send")).click();
        wait.withMessage(() -> "answers: " + answers() + "; stats: " + stats())
                .until(d -> answers().contains("E04 motor overtemperature"));
        wait.until(d -> browser.findElements(By.cssSelector(".stats")).size() == 2
                && browser.findElements(By.cssSelector(".stats")).get(1).getText().contains("tokens/s"));
        screenshot("chat-desktop");
    }

    @Test
    @Order(4)
    void thePageFitsAPhoneScreen() throws Exception {
        browser.manage().window().setSize(new Dimension(360, 780));
        wait.until(d -> width() <= 360);
        assertThat(overflow()).as("chat: no sideways scrolling").isLessThanOrEqualTo(360);
        assertThat(browser.findElement(By.id("chat-send")).isDisplayed()).isTrue();
        screenshot("chat-phone");
        browser.findElement(By.id("tab-dashboard")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("dash-uptime")));
        assertThat(overflow()).as("dashboard: no sideways scrolling").isLessThanOrEqualTo(360);
        screenshot("dashboard-phone");
        browser.manage().window().setSize(new Dimension(1280, 900));
    }

    @Test
    @Order(5)
    void stopCancelsTheGenerationItself() throws Exception {
        browser.get(slow.base + "/");
        firstLogin(slow);
        browser.findElement(By.id("tab-chat")).click();
        WebElement prompt = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("chat-prompt")));
        prompt.sendKeys("word ".repeat(150)); // 150 tokens at 30 ms: 4.5 s unless stopped
        browser.findElement(By.id("chat-send")).click();
        wait.until(d -> answers().length() > 20);
        browser.findElement(By.id("chat-stop")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".stats"), "stopped"));
        assertThat(slow.counter("cancelled")).isEqualTo(1);
        assertThat(slow.counter("ok")).isZero();
        assertThat(answers().split(" ").length).isLessThan(150);
        assertThat(browser.findElement(By.id("chat-stop")).isDisplayed()).isFalse();
    }

    @Test
    @Order(6)
    void theContentSecurityPolicyBlockedNothingThePageNeeds() {
        var logs = browser.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll();
        assertThat(logs).as("the console is captured: the refused login's 401 is in it")
                .anyMatch(e -> e.getMessage().contains("401"));
        assertThat(logs).noneMatch(e -> e.getMessage().contains("Content Security Policy"));
        assertThat(logs).noneMatch(e -> e.getMessage().contains("Uncaught"));
    }

    private void login(String password) {
        WebElement field = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("password")));
        field.clear();
        field.sendKeys(password);
        browser.findElement(By.id("login-submit")).click();
    }

    private void firstLogin(WebFixture fixture) throws Exception {
        login(fixture.oneTimePassword());
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("new-password"))).sendKeys("pump-room-7");
        browser.findElement(By.id("new-password2")).sendKeys("pump-room-7");
        browser.findElement(By.cssSelector("#change-form button")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("view-dashboard")));
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    /** Read in the page in one go: the answer bubbles change (and an empty one goes) while a reply streams. */
    private String answers() {
        return (String) ((JavascriptExecutor) browser).executeScript(
                "return Array.from(document.querySelectorAll('.bubble.answer')).map(e => e.textContent).join('\\n')");
    }

    private String stats() {
        return (String) ((JavascriptExecutor) browser).executeScript(
                "return Array.from(document.querySelectorAll('.stats')).map(e => e.textContent).join(' / ')");
    }

    private long width() {
        return (Long) ((JavascriptExecutor) browser).executeScript("return window.innerWidth");
    }

    private long overflow() {
        return (Long) ((JavascriptExecutor) browser).executeScript("return document.documentElement.scrollWidth");
    }

    private void screenshot(String name) throws Exception {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
