package dev.escalation.examples.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An escalation whose stored row was changed outside the engine to a value it never writes: the engine refuses with
 * {@code CORRUPT_DATA}, and the portal answers 500 with its own page, a fixed sentence, and nothing of the store's
 * message (which names the table and column). Before, it was a 400 "Refused" page, as if the request were wrong,
 * quoting that message. Another customer's escalation still reads.
 */
class PortalCorruptDataHttpTest {
    private static TwoTenants tenants;

    @BeforeAll
    static void start() throws IOException {
        tenants = TwoTenants.start("portal-corrupt-data-test", "Backups hang", "corrupt-acme");
    }

    @AfterAll
    static void stop() {
        if (tenants != null) {
            tenants.portal().close();
        }
    }

    @Test
    void aRowTheStoreCannotReadBackIsA500PageWithoutInternals() throws Exception {
        new JdbcTemplate(tenants.portal().bean(DataSource.class))
                .update(
                        "UPDATE esc_escalation SET state = 'NO_SUCH_STATE' WHERE escalation_id = ?",
                        tenants.acme().value());
        PortalSession ina = PortalSession.signIn(tenants.portal(), "ina");
        PortalSession sam = PortalSession.signIn(tenants.portal(), "sam");

        for (HttpResponse<String> r : java.util.List.of(
                ina.get("/portal/escalations/" + tenants.acme().value()),
                sam.get("/desk/escalations/" + tenants.acme().value()))) {
            assertThat(r.statusCode()).as(r.request().uri().toString()).isEqualTo(500);
            // without the CSRF token's random value, which spells "SQL" by chance about once in 2,800 pages
            assertThat(PortalSession.withoutCsrfTokens(r.body()))
                    .contains("data-status=\"500\"")
                    .doesNotContain("Exception", "\tat ", "java.", "dev.escalation.", "org.h2", "SQL", "esc_")
                    .doesNotContain("NO_SUCH_STATE", "CorruptData", "Backups hang");
        }
        assertThat(sam.get("/desk/escalations/" + tenants.globex().value()).statusCode())
                .isEqualTo(200);
    }
}
