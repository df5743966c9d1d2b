package dev.escalation.examples.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by Selenium, with the steps the browser tests share. The driver and the browser
 * are named explicitly, so Selenium Manager never looks for (or downloads) one; every wait is explicit.
 */
final class Browser implements AutoCloseable {
    // Debian's binaries; the properties exist to try the skip path (-Dportal.chromium=/nowhere)
    static final Path CHROMIUM = Path.of(System.getProperty("portal.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("portal.chromedriver", "/usr/bin/chromedriver"));

    /** The reason a browser test is skipped on a machine without Chromium (CI installs it and checks). */
    static String missing(String test) {
        return "skipped " + test + " (the portal in a real browser): " + CHROMIUM + " or " + CHROMEDRIVER
                + " is missing; install them with: apt-get install chromium chromium-driver";
    }

    static boolean available() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    final WebDriver driver;
    final WebDriverWait wait;
    private final Path profile;
    private RunningPortal portal;

    Browser() throws IOException {
        profile = Files.createTempDirectory("portal-chrome-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--lang=en-US",
                "--window-size=1280,2000",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        // the machine may be busy: generous, explicit waits (no sleeps)
        wait = new WebDriverWait(driver, Duration.ofSeconds(60));
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(120));
    }

    void use(RunningPortal portal) {
        this.portal = portal;
    }

    void open(String path) {
        driver.get(portal.url(path).toString());
    }

    WebElement find(String id) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(By.id(id)));
    }

    String text(String id) {
        return find(id).getText();
    }

    void type(String id, String text) {
        WebElement e = find(id);
        e.clear();
        e.sendKeys(text);
    }

    void select(String id, String value) {
        new Select(find(id)).selectByValue(value);
    }

    /** Signs out whoever is signed in, then signs in as the demo user. */
    void signInAs(String user) {
        open("/login");
        if (!driver.findElements(By.id("sign-out")).isEmpty()) {
            find("sign-out").click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("signed-out")));
        }
        type("username", user);
        type("password", SecurityConfiguration.DEMO_PASSWORD);
        find("sign-in").click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("signed-in-as")));
    }

    /** Clicks a form's button and waits for the redirect's confirmation and the expected state. */
    void submit(String button, String done, String state) {
        // the old page goes first (the same confirmation may already be in the URL), then the redirect arrives. The old
        // page is marked by a window property that no new document has: asking an old element whether it is stale
        // races with Chromium, which may answer "node does not belong to the document" instead of "stale"
        ((JavascriptExecutor) driver).executeScript("window.escalationOldPage = true;");
        find(button).click();
        new WebDriverWait(driver, Duration.ofSeconds(60))
                .ignoring(WebDriverException.class)
                .until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d)
                        .executeScript("return window.escalationOldPage === undefined"
                                + " && document.readyState === 'complete';")));
        wait.until(ExpectedConditions.urlContains("done=" + done));
        assertThat(driver.findElements(By.id("problem")))
                .as("no refusal after " + button)
                .isEmpty();
        assertThat(find("state").getAttribute("data-state")).isEqualTo(state);
    }

    /** Escalates a case from the customer's case list and returns the escalation id shown on the receipt. */
    String escalate(String caseId, String message, String cause, String criticality) {
        open("/portal");
        find("escalate-" + caseId).click();
        type("message", message);
        select("cause", cause);
        select("criticality", criticality);
        find("submit-escalation").click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("receipt")));
        return text("receipt-escalation");
    }

    /** Opens an escalation of the desk's inbox (all escalations) or the customer's list by its id. */
    void openEscalation(String base, String id) {
        open(base + "/escalations/" + id);
        find("timeline");
    }

    List<String> kinds() {
        return driver.findElements(By.cssSelector("#timeline li")).stream()
                .map(e -> e.getAttribute("data-kind"))
                .toList();
    }

    List<String> deadlineKinds() {
        return driver.findElements(By.cssSelector("#deadlines li")).stream()
                .map(e -> e.getAttribute("data-kind"))
                .toList();
    }

    Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    Object asyncScript(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeAsyncScript(js, args);
    }

    void screenshot(String name) throws IOException {
        Path target = Path.of("target", name);
        Files.createDirectories(target.getParent());
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() throws IOException {
        driver.quit();
        // a Chromium helper that outlives quit() may still remove files of the profile while it is walked: the walk is
        // tried again; a temporary profile left behind harms nothing, so it never fails the test
        for (int attempt = 1; attempt <= 3; attempt++) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
                return;
            } catch (IOException | java.io.UncheckedIOException e) {
                if (attempt == 3) {
                    System.err.println("Browser: the profile " + profile + " was left behind: " + e);
                    return;
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
