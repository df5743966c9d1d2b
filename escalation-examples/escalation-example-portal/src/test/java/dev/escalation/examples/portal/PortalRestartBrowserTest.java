package dev.escalation.examples.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The data survives a restart: an escalation raised and acknowledged in the browser is still there, with its
 * timeline, after the application was stopped and started again on the same H2 file. Skipped with the reason when
 * Chromium is missing; CI checks that it ran.
 */
class PortalRestartBrowserTest {

    @Test
    void aRestartOfTheApplicationKeepsTheData() throws IOException {
        assumeTrue(Browser.available(), Browser.missing("PortalRestartBrowserTest"));
        MutableClock clock = new MutableClock(ZonedDateTime.of(2027, 1, 12, 10, 0, 0, 0, DemoData.BERLIN));
        Path db = Files.createTempDirectory("portal-restart-test").resolve("portal-db");
        String id;
        try (Browser browser = new Browser()) {
            try (RunningPortal first = RunningPortal.start(db, clock)) {
                browser.use(first);
                browser.signInAs("ina");
                id = browser.escalate("C-1", "Kept across a restart.", "SOFTWARE_ERROR", "HIGH");
                browser.signInAs("sam");
                browser.openEscalation("/desk", id);
                browser.select("manager-select", "eve");
                browser.type("ack-note", "Called Ina.");
                browser.submit("do-acknowledge", "acknowledged", "ACKNOWLEDGED");
            }
            assertThat(db.resolveSibling("portal-db.mv.db")).exists();

            try (RunningPortal second = RunningPortal.start(db, clock)) {
                browser.use(second);
                browser.signInAs("ina"); // sessions do not survive; the data does
                browser.open("/portal");
                assertThat(browser.driver.findElements(By.cssSelector("#escalations a[href$='" + id + "']")))
                        .hasSize(1);
                browser.openEscalation("/portal", id);
                assertThat(browser.find("state").getAttribute("data-state")).isEqualTo("ACKNOWLEDGED");
                assertThat(browser.text("escalation-message")).isEqualTo("Kept across a restart.");
                assertThat(browser.kinds()).containsSubsequence("ESCALATED", "ACKNOWLEDGED");
                assertThat(browser.text("manager")).isEqualTo("Eve Escalation");
            }
        }
    }
}
