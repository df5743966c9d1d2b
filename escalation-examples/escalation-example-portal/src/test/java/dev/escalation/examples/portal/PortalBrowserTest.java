package dev.escalation.examples.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.escalation.Actor;
import dev.escalation.CustomerQuery;
import dev.escalation.model.CaseId;
import dev.escalation.model.PageRequest;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The portal in a real browser: Debian's headless Chromium driven by Selenium clicks through a whole escalation, and
 * checks the refusal of a contact who is not an Incident Manager, the escaping of HTML in a message and the hotline
 * advice outside business hours. Skipped (with the reason) when {@code /usr/bin/chromium} or
 * {@code /usr/bin/chromedriver} is missing; CI installs both and checks that this class ran.
 */
class PortalBrowserTest {
    // Debian's binaries; the properties exist to try the skip path (-Dportal.chromium=/nowhere)
    private static final Path CHROMIUM = Path.of(System.getProperty("portal.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER =
            Path.of(System.getProperty("portal.chromedriver", "/usr/bin/chromedriver"));
    private static final ZonedDateTime TUESDAY_10 = ZonedDateTime.of(2027, 1, 12, 10, 0, 0, 0, Portal.BERLIN);
    private static final ZonedDateTime SATURDAY_11 = ZonedDateTime.of(2027, 1, 16, 11, 0, 0, 0, Portal.BERLIN);

    private static WebDriver driver;
    private static WebDriverWait wait;
    private static Path profile;

    private final MutableClock clock = new MutableClock(TUESDAY_10);
    private Portal portal;

    private static final String MISSING = "skipped PortalBrowserTest (the portal in a real browser): " + CHROMIUM
            + " or " + CHROMEDRIVER + " is missing; install them with: apt-get install chromium chromium-driver";

    @BeforeAll
    static void startBrowser() throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            System.err.println(MISSING);
            return; // each test is then skipped with the reason (an assumption here would hide it in the report)
        }
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
                "--window-size=1280,2400",
                "--user-data-dir=" + profile);
        // the driver is named explicitly, so Selenium Manager never looks for (or downloads) one
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, Duration.ofSeconds(10));
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        if (driver != null) {
            driver.quit();
        }
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @BeforeEach
    void startPortal() {
        assumeTrue(driver != null, MISSING);
        portal = Portal.start(clock, 0);
    }

    @AfterEach
    void stopPortal() {
        if (portal != null) {
            portal.close();
        }
    }

    @Test
    void oneEscalationFromTheButtonToClosureShowsOnTheTimeline() throws IOException {
        signInAs("contact-ina");
        String id = escalate("C-1", "Our nightly load has failed three nights in a row.", "SOFTWARE_ERROR", "HIGH");
        assertThat(driver.findElements(By.id("hotline")))
                .as("no hotline advice within business hours")
                .isEmpty();

        clock.set(at(12, 10, 40));
        signInAs("staff-sam");
        driver.findElement(By.linkText(id)).click();
        new Select(find("manager-select")).selectByValue("eve");
        find("ack-note").sendKeys("Called Ina; Eve owns the escalation.");
        submit("do-acknowledge", "acknowledged", "Acknowledged");
        assertThat(find("manager").getText()).isEqualTo("Eve Escalation");

        clock.set(at(12, 11, 0));
        signInAs("staff-eve");
        driver.findElement(By.linkText(id)).click();
        new Select(find("channel")).selectByValue("VIDEO_CALL");
        submit("do-plan", "plan", "Active");
        clock.set(at(12, 15, 30));
        find("progress-text").sendKeys("Heap dump analysed: the loader keeps all rows in memory.");
        submit("do-progress", "progress", "Active");
        new Select(find("who")).selectByValue("staff:dan");
        submit("do-participant", "participant", "Active");
        clock.set(at(13, 16, 0));
        find("resolution-summary").sendKeys("Patch 7.1.3 streams rows; the load ran in 42 minutes.");
        submit("do-resolve", "resolved", "Resolved");
        clock.set(at(13, 16, 30));
        submit("do-schedule", "scheduled", "Lessons learned");
        clock.set(at(14, 11, 30));
        find("findings-text").sendKeys("Loader memory limits were never tested with production volumes.");
        find("action-1").sendKeys("Add a production-size load test");
        find("owner-1").sendKeys("Dan Developer");
        submit("do-record", "recorded", "Lessons learned");
        clock.set(at(14, 11, 45));
        submit("do-close", "closed", "Closed");

        signInAs("contact-ina");
        driver.findElement(By.cssSelector("#escalations a[href$='" + id + "']")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("timeline")));
        assertThat(find("state").getText()).isEqualTo("Closed");
        assertThat(kinds())
                .containsSubsequence(
                        "ESCALATED",
                        "ACKNOWLEDGED",
                        "PLAN_AGREED",
                        "STATUS_UPDATE",
                        "PARTICIPANT_ADDED",
                        "RESOLVED",
                        "LESSONS_LEARNED_SCHEDULED",
                        "LESSONS_LEARNED_HELD",
                        "CLOSED");
        assertThat(find("timeline").getText()).contains("Heap dump analysed").contains("Patch 7.1.3");
        assertThat(find("participants").getText()).contains("Dan Developer");
        assertThat(find("plan").getText()).contains("Every day by Video call");
        // structured entries are shown as the engine renders them, in Berlin time
        assertThat(find("timeline").getText())
                .contains("Lessons-learned session at Thu 14 Jan 2027 10:00 CET (1 hour)")
                .contains("Meetings every 1 day by video call, first at Tue 12 Jan 2027 13:00 CET");
        assertThat(find("lessons-status").getText()).startsWith("Held");
        assertThat(find("findings").getText()).contains("production volumes");
        screenshot("portal-customer-timeline.png");
    }

    @Test
    void aContactWhoIsNotAnIncidentManagerIsRefusedVisiblyAndNothingIsCreated() {
        signInAs("contact-tom");
        find("escalate-C-4").click();
        find("message").sendKeys("Export takes an hour.");
        new Select(find("cause")).selectByValue("PERFORMANCE_DEGRADATION");
        find("submit-escalation").click();

        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("problem")));
        assertThat(find("problem-message").getText()).contains("tom is not an Incident Manager");
        assertThat(portal.engine()
                        .escalationsOfCustomer(Actor.contact("tom"), CustomerQuery.all(), PageRequest.first(100))
                        .items())
                .noneMatch(s -> s.caseId().equals(CaseId.of("C-4")));
        driver.get(portal.url().resolve("/portal").toString());
        assertThat(find("no-escalations").getText()).isEqualTo("No escalations yet.");
    }

    @Test
    void htmlInAMessageIsShownAsText() {
        String html = "<b>bold</b><script>alert(1)</script>";
        signInAs("contact-ina");
        String id = escalate("C-2", html, "COMPLAINT", "MEDIUM");
        find("view-timeline").click();

        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("timeline")));
        assertThat(find("escalation-message").getText()).isEqualTo(html);
        assertThat(find("timeline").getText()).contains(html);
        assertThat(driver.findElements(By.tagName("b"))).isEmpty();
        assertThat(driver.findElements(By.tagName("script"))).isEmpty();

        signInAs("staff-sam");
        driver.findElement(By.linkText(id)).click();
        assertThat(find("escalation-message").getText()).isEqualTo(html);
        assertThat(driver.findElements(By.tagName("b"))).isEmpty();
    }

    @Test
    void aCriticalEscalationOutsideBusinessHoursAdvisesTheHotline() {
        signInAs("contact-ina");
        escalate("C-4", "Export is down during office hours.", "SOFTWARE_ERROR", "CRITICAL");
        assertThat(driver.findElements(By.id("hotline")))
                .as("Tuesday 10:00 is within business hours")
                .isEmpty();

        clock.set(SATURDAY_11);
        driver.get(portal.url().resolve("/portal").toString());
        escalate("C-3", "Production database is down; nobody can log in.", "DATABASE_OUTAGE", "CRITICAL");

        WebElement hotline = find("hotline");
        assertThat(hotline.getText())
                .contains("+49 911 2399 110")
                .contains("+1 415-363-5510")
                .contains("raised at the weekend")
                .contains("coverage resumes Mon 18 Jan 2027 09:00 CET");
        assertThat(hotline.findElements(By.cssSelector("a[href^='tel:']"))).hasSize(2);
    }

    // ------------------------------------------------------------------ steps

    /** A time in January 2027, Berlin. */
    private static ZonedDateTime at(int day, int hour, int minute) {
        return ZonedDateTime.of(2027, 1, day, hour, minute, 0, 0, Portal.BERLIN);
    }

    private void signInAs(String persona) {
        driver.get(portal.url().toString());
        find("login-" + persona).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signed-in-as")));
    }

    /** Escalates a case from the customer's case list and returns the escalation id shown on the receipt. */
    private String escalate(String caseId, String message, String cause, String criticality) {
        find("escalate-" + caseId).click();
        find("message").sendKeys(message);
        new Select(find("cause")).selectByValue(cause);
        new Select(find("criticality")).selectByValue(criticality);
        find("submit-escalation").click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("receipt")));
        return find("receipt-escalation").getText();
    }

    /** Submits a desk form and waits for the redirect's confirmation and the expected state. */
    private void submit(String button, String done, String state) {
        find(button).click();
        wait.until(ExpectedConditions.urlContains("done=" + done));
        assertThat(driver.findElements(By.id("problem")))
                .as("no refusal after " + button)
                .isEmpty();
        assertThat(find("state").getText()).isEqualTo(state);
    }

    private List<String> kinds() {
        return driver.findElements(By.cssSelector("#timeline li")).stream()
                .map(e -> e.getAttribute("data-kind"))
                .toList();
    }

    private static WebElement find(String id) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(By.id(id)));
    }

    private static void screenshot(String name) throws IOException {
        Path target = Path.of("target", name);
        Files.createDirectories(target.getParent());
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    }
}
