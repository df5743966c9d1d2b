package dev.escalation.examples.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The portal when its store fails in a way the driver does not call "unavailable" (the escalations' table is gone):
 * every page and action that reads or writes escalations answers 503 with the portal's own page, or its JSON for a
 * JSON client, without the exception's class, SQL, a table name or the data directory, and nothing of the people.
 */
class PortalStoreDownHttpTest {
    private static TwoTenants tenants;

    @BeforeAll
    static void start() throws IOException {
        tenants = TwoTenants.start("portal-store-down-test", "Backups hang", "store-down-acme");
    }

    @AfterAll
    static void stop() {
        if (tenants != null) {
            tenants.portal().close();
        }
    }

    private static void unavailable(String what, HttpResponse<String> r) {
        assertThat(r.statusCode()).as(what).isEqualTo(503);
        assertThat(r.headers().firstValue("X-Content-Type-Options")).as(what).hasValue("nosniff");
        assertThat(r.headers().firstValue("Cache-Control"))
                .as(what)
                .hasValueSatisfying(c -> assertThat(c).contains("no-store"));
        assertThat(PortalSession.withoutCsrfTokens(r.body()))
                .as(what)
                .doesNotContain("Exception", "\tat ", "java.", "dev.escalation.", "org.springframework", "org.h2")
                .doesNotContain(
                        "SQL", "esc_", "ESC_", "Backups hang", tenants.data().toString());
    }

    @Test
    void aFailingStoreIsA503PageOrProblemWithoutInternals() throws Exception {
        String acme = tenants.acme().value();
        String globex = tenants.globex().value();
        PortalSession ina = PortalSession.signIn(tenants.portal(), "ina");
        PortalSession sam = PortalSession.signIn(tenants.portal(), "sam");
        String inaToken = ina.csrfToken();
        String samToken = sam.csrfToken();
        new JdbcTemplate(tenants.portal().bean(DataSource.class)).execute("ALTER TABLE esc_escalation RENAME TO gone");

        Map<String, HttpResponse<String>> answers = new LinkedHashMap<>();
        answers.put("ina: portal", ina.get("/portal"));
        answers.put("ina: her escalation", ina.get("/portal/escalations/" + acme));
        answers.put(
                "ina: a message",
                ina.send("POST", "/portal/escalations/" + acme + "/message", "_csrf=" + inaToken + "&text=hello"));
        answers.put("sam: desk", sam.get("/desk"));
        answers.put("sam: an escalation", sam.get("/desk/escalations/" + globex));
        answers.put("sam: its audit", sam.get("/desk/escalations/" + globex + "/audit.jsonl"));
        answers.put(
                "sam: progress",
                sam.send(
                        "POST",
                        "/desk/escalations/" + globex + "/progress",
                        "_csrf=" + samToken + "&kind=STATUS_UPDATE&text=hello"));
        for (Map.Entry<String, HttpResponse<String>> a : answers.entrySet()) {
            unavailable(a.getKey(), a.getValue());
            assertThat(a.getValue().headers().firstValue("Content-Type"))
                    .as(a.getKey())
                    .hasValue("text/html;charset=UTF-8");
            assertThat(a.getValue().body()).as(a.getKey()).contains("data-status=\"503\"");
        }
        // JSON is UTF-8 by definition (RFC 8259): the problem type names no charset
        HttpResponse<String> json = sam.accepting("application/json").get("/desk");
        unavailable("sam as a JSON client", json);
        assertThat(json.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json.body()).contains("\"status\":503", "\"code\":\"UNAVAILABLE\"");
    }
}
