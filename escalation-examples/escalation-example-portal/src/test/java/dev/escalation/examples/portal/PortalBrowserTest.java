package dev.escalation.examples.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The portal in a real browser: Debian's headless Chromium driven by Selenium against the Spring Boot application
 * (started once for the class on an H2 file of its own, with a clock the test sets; the tests run in order and only
 * move the clock forward). The whole lifecycle in German and in English (a New York contact), the desk's inbox,
 * hotline intake and audit export, and what the web layer must refuse: a forged POST without a CSRF token, an
 * oversized form (413 page), a bad path (404 page). Skipped with the reason when {@code /usr/bin/chromium} or
 * {@code /usr/bin/chromedriver} is missing; CI installs both and checks that this class ran
 * ({@code .ci/checks/browser-not-skipped.sh}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PortalBrowserTest {
    private static final MutableClock CLOCK = new MutableClock(berlin(12, 10, 0));

    private static Browser browser;
    private static RunningPortal portal;
    private static Path data;

    @BeforeAll
    static void start() throws IOException {
        if (!Browser.available()) {
            System.err.println(Browser.missing("PortalBrowserTest"));
            return; // each test is then skipped with the reason (an assumption here would hide it in the report)
        }
        data = Files.createTempDirectory("portal-browser-test");
        portal = RunningPortal.start(data.resolve("portal-db"), CLOCK);
        browser = new Browser();
        browser.use(portal);
    }

    @AfterAll
    static void stop() throws IOException {
        if (browser != null) {
            browser.close();
        }
        if (portal != null) {
            portal.close();
        }
    }

    @BeforeEach
    void browserPresent() {
        assumeTrue(browser != null, Browser.missing("PortalBrowserTest"));
    }

    /** A time in January 2027, Berlin. */
    private static ZonedDateTime berlin(int day, int hour, int minute) {
        return ZonedDateTime.of(2027, 1, day, hour, minute, 0, 0, DemoData.BERLIN);
    }

    private static void german() {
        browser.find("lang-de").click();
        browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("html[lang='de']")));
    }

    @Test
    @Order(1)
    void theWholeLifecycleInGerman() throws IOException {
        CLOCK.set(berlin(12, 10, 0));
        browser.signInAs("ina"); // Ina prefers German and Berlin time
        assertThat(browser.find("zone").getText()).contains("Europe/Berlin");
        String id = browser.escalate(
                "C-1", "Der nächtliche Ladevorgang ist drei Nächte in Folge gescheitert.", "SOFTWARE_ERROR", "HIGH");
        assertThat(browser.driver.findElement(By.tagName("h1")).getText()).isEqualTo("Ihre Eskalation ist eingegangen");
        assertThat(browser.driver.findElements(By.id("hotline")))
                .as("no hotline advice within business hours")
                .isEmpty();

        CLOCK.set(berlin(12, 10, 40));
        browser.signInAs("sam");
        german();
        browser.openEscalation("/desk", id);
        browser.select("manager-select", "eve");
        browser.type("ack-note", "Ina angerufen; Eve übernimmt die Eskalation.");
        browser.submit("do-acknowledge", "acknowledged", "ACKNOWLEDGED");
        assertThat(browser.text("manager")).isEqualTo("Eve Escalation");

        CLOCK.set(berlin(12, 11, 0));
        browser.signInAs("eve");
        german();
        browser.openEscalation("/desk", id);
        browser.select("propose-channel", "VIDEO_CALL");
        browser.submit("do-propose-plan", "proposed", "ACKNOWLEDGED");
        assertThat(browser.text("proposal")).contains("Videokonferenz");

        CLOCK.set(berlin(12, 11, 20));
        browser.signInAs("ina");
        browser.openEscalation("/portal", id);
        assertThat(browser.text("proposal")).contains("Eve Escalation").contains("Videokonferenz");
        browser.submit("do-confirm-plan", "confirmed", "ACTIVE");
        assertThat(browser.text("plan"))
                .contains("Videokonferenz")
                .contains("Ina Incident")
                .contains("Europe/Berlin");
        // deadlines with their explanation, and the engine's next meeting, in German and Berlin time
        assertThat(browser.deadlineKinds()).contains("FIRST_CONTACT", "RESOLUTION");
        assertThat(browser.text("deadlines")).contains("MEZ");
        assertThat(browser.driver.findElements(By.cssSelector("#deadlines .explanation")))
                .allSatisfy(e -> assertThat(e.getText()).isNotBlank());
        assertThat(browser.text("next-meeting")).contains("Nächste Besprechung").contains("13:00");
        browser.screenshot("portal-customer-deadlines-de.png");

        CLOCK.set(berlin(12, 15, 30));
        browser.signInAs("eve");
        german();
        browser.openEscalation("/desk", id);
        browser.type("progress-text", "Heap-Dump analysiert: der Loader hält alle Zeilen im Speicher.");
        browser.submit("do-progress", "progress", "ACTIVE");
        browser.select("who", "staff:dan");
        browser.submit("do-participant", "participant", "ACTIVE");
        CLOCK.set(berlin(13, 16, 0));
        browser.type("resolution-summary", "Patch 7.1.3 streamt die Zeilen; der Lauf dauerte 42 Minuten.");
        browser.submit("do-resolve", "resolved", "RESOLVED");

        CLOCK.set(berlin(13, 17, 0));
        browser.signInAs("ina");
        browser.openEscalation("/portal", id);
        browser.type("reopen-reason", "Heute Nacht ist der Lauf wieder gescheitert.");
        browser.submit("do-reopen", "reopened", "ACTIVE");

        CLOCK.set(berlin(14, 9, 30));
        browser.signInAs("eve");
        german();
        browser.openEscalation("/desk", id);
        browser.type("resolution-summary", "Auch der Export streamt jetzt; zwei Nächte ohne Fehler.");
        browser.submit("do-resolve", "resolved", "RESOLVED");
        browser.submit("do-schedule", "scheduled", "LESSONS_LEARNED");
        CLOCK.set(berlin(15, 11, 30));
        browser.openEscalation("/desk", id);
        browser.type("findings-text", "Speichergrenzen des Loaders waren nie mit Produktionsmengen getestet.");
        browser.type("action-1", "Lasttest mit Produktionsvolumen");
        browser.type("owner-1", "Dan Developer");
        browser.submit("do-record", "recorded", "LESSONS_LEARNED");
        CLOCK.set(berlin(15, 11, 45));
        browser.submit("do-close", "closed", "CLOSED");

        browser.signInAs("ina");
        browser.openEscalation("/portal", id);
        assertThat(browser.text("state")).isEqualTo("Abgeschlossen");
        assertThat(browser.kinds())
                .containsSubsequence(
                        "ESCALATED",
                        "ACKNOWLEDGED",
                        "PLAN_AGREED",
                        "STATUS_UPDATE",
                        "PARTICIPANT_ADDED",
                        "RESOLVED",
                        "REOPENED",
                        "RESOLVED",
                        "LESSONS_LEARNED_SCHEDULED",
                        "LESSONS_LEARNED_HELD",
                        "CLOSED");
        assertThat(browser.text("timeline"))
                .contains("Heap-Dump analysiert")
                .contains("Patch 7.1.3")
                .contains("Videokonferenz")
                .contains("MEZ");
        assertThat(browser.text("participants")).contains("Dan Developer");
        assertThat(browser.text("findings")).contains("Produktionsmengen");
        assertThat(browser.driver.findElements(By.cssSelector("#timeline .internal")))
                .as("the customer sees no internal entries")
                .isEmpty();
    }

    @Test
    @Order(2)
    void theWholeLifecycleInEnglishForAContactInNewYork() {
        CLOCK.set(berlin(18, 10, 0)); // Monday 10:00 in Berlin is 04:00 in New York
        browser.signInAs("gil");
        assertThat(browser.find("zone").getText()).contains("America/New_York");
        String id = browser.escalate(
                "G-2", "The mobile app crashes on start for every user since 7.2.", "SOFTWARE_ERROR", "CRITICAL");
        assertThat(browser.driver.findElement(By.tagName("h1")).getText()).isEqualTo("Your escalation was received");
        browser.find("view-timeline").click();
        browser.find("timeline");
        assertThat(browser.text("raised")).contains("04:00 EST");
        assertThat(browser.text("deadlines"))
                .contains("First contact: Mon 18 Jan 2027 05:00 EST")
                .contains("America/New_York");

        CLOCK.set(berlin(18, 10, 20));
        browser.signInAs("sam");
        browser.openEscalation("/desk", id);
        browser.select("manager-select", "eve");
        browser.type("ack-note", "Called Gil; Eve owns the escalation.");
        browser.submit("do-acknowledge", "acknowledged", "ACKNOWLEDGED");

        CLOCK.set(berlin(18, 10, 40));
        browser.signInAs("eve");
        browser.openEscalation("/desk", id);
        browser.select("plan-channel", "PHONE");
        browser.select("plan-frequency", "PT4H");
        browser.submit("do-plan", "plan", "ACTIVE");
        browser.select("who", "staff:dan");
        browser.submit("do-participant", "participant", "ACTIVE");

        CLOCK.set(berlin(18, 12, 0));
        browser.signInAs("gil");
        browser.openEscalation("/portal", id);
        // the series repeats in Gil's zone, not the vendor's
        assertThat(browser.text("plan")).contains("4 hours").contains("Phone").contains("America/New_York");
        assertThat(browser.text("next-meeting")).contains("EST");
        browser.type("text", "Our field staff cannot work; please call me at every meeting.");
        browser.submit("send-message", "message", "ACTIVE");

        CLOCK.set(berlin(18, 16, 0));
        browser.signInAs("eve");
        browser.openEscalation("/desk", id);
        browser.type("progress-text", "Crash reproduced: a null locale on first start.");
        browser.select("progress-kind", "STATUS_UPDATE");
        browser.submit("do-progress", "progress", "ACTIVE");
        browser.type("progress-text", "Internal: the 7.2 migration skipped the locale default.");
        browser.find("progress-internal").click();
        browser.submit("do-progress", "progress", "ACTIVE");
        browser.type("resolution-summary", "Hotfix 7.2.1 sets the locale; crash gone.");
        browser.submit("do-resolve", "resolved", "RESOLVED");
        browser.submit("do-schedule", "scheduled", "LESSONS_LEARNED");
        CLOCK.set(berlin(19, 11, 30));
        browser.openEscalation("/desk", id);
        browser.type("findings-text", "Release checks never started the app with an empty profile.");
        browser.submit("do-record", "recorded", "LESSONS_LEARNED");

        CLOCK.set(berlin(19, 12, 0));
        browser.signInAs("sam");
        browser.openEscalation("/desk", id);
        browser.submit("do-close", "closed", "CLOSED");

        browser.signInAs("gil");
        browser.openEscalation("/portal", id);
        assertThat(browser.text("state")).isEqualTo("Closed");
        assertThat(browser.kinds())
                .containsSubsequence(
                        "ESCALATED",
                        "ACKNOWLEDGED",
                        "PLAN_AGREED",
                        "PARTICIPANT_ADDED",
                        "COMMUNICATION",
                        "STATUS_UPDATE",
                        "RESOLVED",
                        "LESSONS_LEARNED_SCHEDULED",
                        "LESSONS_LEARNED_HELD",
                        "CLOSED");
        assertThat(browser.text("timeline"))
                .contains("Crash reproduced")
                .contains("Hotfix 7.2.1")
                .contains("EST")
                .doesNotContain("7.2 migration skipped");
        // the DE/EN switch: the same page in German, then back
        german();
        assertThat(browser.text("state")).isEqualTo("Abgeschlossen");
        browser.find("lang-en").click();
        browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("html[lang='en']")));
        assertThat(browser.text("state")).isEqualTo("Closed");
    }

    @Test
    @Order(3)
    void theDeskRecordsAHotlineCallFiltersItsInboxAndExportsTheAuditTrail() {
        CLOCK.set(berlin(20, 23, 40)); // a call at night
        browser.signInAs("sam");
        browser.open("/desk");
        browser.find("hotline-intake").click();
        browser.select("call-case", "G-3");
        browser.select("call-contact", "gil");
        browser.type("call-message", "Month-end reports time out; the board meets at 8 am.");
        browser.select("call-cause", "PERFORMANCE_DEGRADATION");
        browser.select("call-criticality", "CRITICAL");
        browser.find("record-call").click();
        browser.wait.until(ExpectedConditions.urlContains("done=recordedCall"));
        assertThat(browser.text("intake")).contains("hotline call").contains("Sam Support");
        String url = browser.driver.getCurrentUrl();
        String id = url.substring(url.indexOf("/escalations/") + "/escalations/".length(), url.indexOf('?'));

        // the inbox: filters and counts
        browser.open("/desk");
        assertThat(browser.text("counts")).contains("Requested");
        browser.select("filter-criticality", "CRITICAL");
        browser.select("filter-state", "REQUESTED");
        browser.find("apply-filters").click();
        browser.wait.until(ExpectedConditions.urlContains("criticality=CRITICAL"));
        assertThat(browser.driver.findElements(By.cssSelector("#inbox tbody tr")))
                .isNotEmpty()
                .allSatisfy(row -> assertThat(
                                row.findElement(By.cssSelector(".crit")).getAttribute("class"))
                        .contains("crit-CRITICAL"));
        assertThat(browser.driver.findElements(By.cssSelector("#inbox tr[data-case='G-3']")))
                .hasSize(1);
        assertThat(new org.openqa.selenium.support.ui.Select(browser.find("filter-state"))
                        .getFirstSelectedOption()
                        .getText())
                .matches("Requested \\(\\d+\\)");

        // the audit trail: export (JSON Lines) and verify
        browser.openEscalation("/desk", id);
        String href = browser.find("audit-export").getAttribute("href");
        Object export = browser.asyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch(arguments[0]).then(r => r.text()).then(done, e => done('failed: ' + e));",
                href);
        assertThat(export.toString()).contains("escalation-audit/1").contains(id);
        browser.find("audit-verify").click();
        assertThat(browser.text("audit-verification")).startsWith("Audit trail intact");

        // the Incident Manager sees the call as hers and withdraws it
        CLOCK.set(berlin(21, 8, 10));
        browser.signInAs("gil");
        browser.openEscalation("/portal", id);
        assertThat(browser.text("intake")).contains("Sam Support");
        browser.type("reason", "Solved by a restart of the report server.");
        browser.submit("withdraw", "withdrawn", "WITHDRAWN");
    }

    @Test
    @Order(4)
    void aForgedPostWithoutCsrfTokenIsRefusedAndChangesNothing() {
        browser.signInAs("ina");
        browser.open("/portal");
        // what a cross-site page (or a script without the token) would send: the same form, no _csrf field
        browser.script("const f = document.createElement('form');"
                + "f.method = 'post'; f.action = '/portal/cases/C-4/escalate';"
                + "for (const [k, v] of [['message', 'forged'], ['cause', 'COMPLAINT'], ['criticality', 'LOW'],"
                + "    ['submissionId', 'forged-1']]) {"
                + "  const i = document.createElement('input'); i.name = k; i.value = v; f.appendChild(i); }"
                + "document.body.appendChild(f); f.submit();");
        WebElement problem = browser.find("problem");
        assertThat(problem.getAttribute("data-status")).isEqualTo("403");
        assertThat(browser.text("problem-title")).isEqualTo("Nicht erlaubt");
        assertNoInternals();

        browser.open("/portal");
        assertThat(browser.driver.findElements(By.cssSelector("#case-C-4 a.state")))
                .as("no escalation of C-4")
                .isEmpty();
    }

    @Test
    @Order(5)
    void anOversizedFormGetsThe413Page() {
        browser.signInAs("ina");
        browser.open("/portal");
        browser.find("escalate-C-3").click();
        browser.select("cause", "DATABASE_OUTAGE");
        // more than the portal accepts (64 KiB); the text area's maxlength only limits typing
        browser.script("document.getElementById('message').value = 'x'.repeat(100000);");
        browser.find("submit-escalation").click();
        WebElement problem = browser.find("problem");
        assertThat(problem.getAttribute("data-status")).isEqualTo("413");
        assertThat(browser.text("problem-title")).isEqualTo("Formular zu groß");
        assertNoInternals();

        browser.open("/portal");
        assertThat(browser.driver.findElements(By.cssSelector("#case-C-3 a.state")))
                .as("nothing was saved")
                .isEmpty();
    }

    @Test
    @Order(6)
    void aBadPathGetsThe404Page() {
        browser.signInAs("gil");
        browser.open("/portal/no-such-page");
        assertThat(browser.find("problem").getAttribute("data-status")).isEqualTo("404");
        assertThat(browser.text("problem-title")).isEqualTo("Page not found");
        assertNoInternals();
        browser.open("/portal/escalations/E-does-not-exist");
        assertThat(browser.find("problem").getAttribute("data-status")).isEqualTo("404");
        assertNoInternals();
        // the desk is refused to contacts (another customer's escalation by URL: PortalTenancyHttpTest)
        browser.open("/desk");
        assertThat(browser.find("problem").getAttribute("data-status"))
                .as("the desk is for staff")
                .isEqualTo("403");
        assertNoInternals();
    }

    @Test
    @Order(7)
    void aContactWhoIsNotAnIncidentManagerIsRefusedVisiblyAndHtmlIsShownAsText() {
        CLOCK.set(berlin(21, 10, 0));
        browser.signInAs("tom");
        browser.open("/portal");
        browser.find("escalate-C-4").click();
        browser.type("message", "Der Export dauert eine Stunde.");
        browser.select("cause", "PERFORMANCE_DEGRADATION");
        browser.find("submit-escalation").click();
        assertThat(browser.find("problem").getAttribute("data-status")).isEqualTo("403");
        assertThat(browser.text("problem-message")).contains("eskalieren");
        browser.open("/portal");
        assertThat(browser.driver.findElements(By.cssSelector("#case-C-4 a.state")))
                .isEmpty();

        String html = "<b>bold</b><script>alert(1)</script>";
        browser.signInAs("ina");
        browser.escalate("C-2", html, "COMPLAINT", "MEDIUM");
        browser.find("view-timeline").click();
        browser.find("timeline");
        assertThat(browser.text("escalation-message")).isEqualTo(html);
        assertThat(browser.driver.findElements(By.tagName("b"))).isEmpty();
        assertThat(browser.driver.findElements(By.tagName("script"))).isEmpty();
    }

    @Test
    @Order(8)
    void aCriticalEscalationOnASaturdayAdvisesTheHotline() {
        CLOCK.set(berlin(23, 11, 0));
        browser.signInAs("ina");
        browser.escalate("C-5", "Das Backup hängt; niemand kann sich anmelden.", "DATABASE_OUTAGE", "CRITICAL");
        WebElement hotline = browser.find("hotline");
        assertThat(hotline.getText())
                .contains("+49 911 2399 110")
                .contains("+1 415-363-5510")
                .contains("25. Jan. 2027");
        assertThat(hotline.findElements(By.cssSelector("a[href^='tel:']"))).hasSize(2);
    }

    @Test
    @Order(9)
    void submittingTheSameFormTwiceReturnsTheSameEscalation() {
        CLOCK.set(berlin(25, 10, 0));
        browser.signInAs("ina");
        browser.open("/portal");
        browser.find("escalate-C-3").click();
        browser.type("message", "Die Datenbank ist nicht erreichbar.");
        browser.select("cause", "DATABASE_OUTAGE");
        // a first submission of this very form (same submission id, same CSRF token) arrives before the click
        Object first = browser.asyncScript("const done = arguments[arguments.length - 1];"
                + "const form = document.getElementById('escalate-form');"
                + "fetch(form.action, {method: 'POST', body: new URLSearchParams(new FormData(form))})"
                + ".then(r => done(r.status), e => done('failed: ' + e));");
        assertThat(first).isEqualTo(200L);
        browser.find("submit-escalation").click();
        browser.find("receipt");
        assertThat(browser.driver.findElement(By.tagName("h1")).getText())
                .isEqualTo("Dieser Fall ist bereits eskaliert");
        browser.open("/portal");
        assertThat(browser.driver.findElements(By.cssSelector("#escalations a[href*='/portal/escalations/']")))
                .filteredOn(a -> a.findElement(By.xpath("../..")).getText().contains("C-3"))
                .hasSize(1);
    }

    /** No stack trace, exception name or framework internals on an error page. */
    private static void assertNoInternals() {
        assertThat(PortalSession.withoutCsrfTokens(browser.driver.getPageSource()))
                .doesNotContain("Exception")
                .doesNotContain("at dev.escalation")
                .doesNotContain("org.springframework")
                .doesNotContain("Whitelabel")
                .doesNotContain("Tomcat");
    }
}
