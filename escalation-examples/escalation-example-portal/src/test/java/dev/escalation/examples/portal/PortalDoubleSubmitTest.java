package dev.escalation.examples.portal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.Actor;
import dev.escalation.EscalationEngine;
import dev.escalation.command.Acknowledge;
import dev.escalation.model.EscalationId;
import dev.escalation.model.PageRequest;
import dev.escalation.model.StaffId;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A form sent twice (a double click, the back button) writes once: every action form carries the version of the
 * escalation it was rendered with, the portal sends it as the command's expected version, and the second submission
 * gets the refusal page "changed meanwhile, reload" (in English and German) and writes nothing. Before, both
 * submissions wrote an entry.
 */
class PortalDoubleSubmitTest {
    private static TwoTenants tenants;
    private static EscalationEngine engine;
    private static EscalationId acme;

    @BeforeAll
    static void start() throws IOException {
        tenants = TwoTenants.start("portal-double-submit-test", "Backups hang", "double-acme");
        engine = tenants.engine();
        acme = tenants.acme();
        engine.acknowledge(Actor.staff("sam"), new Acknowledge(acme, StaffId.of("eve"), "Called Ina"));
    }

    @AfterAll
    static void stop() {
        if (tenants != null) {
            tenants.portal().close();
        }
    }

    /** The hidden version field of the form with this id on the page. */
    private static String version(HttpResponse<String> page, String form) {
        Matcher m = Pattern.compile(
                        "id=\"" + form + "\">\\s*<input type=\"hidden\" name=\"_csrf\" value=\"[^\"]*\">\\s*"
                                + "<input type=\"hidden\" name=\"version\" value=\"(\\d+)\">")
                .matcher(page.body());
        assertThat(m.find()).as("the version field of %s", form).isTrue();
        return m.group(1);
    }

    private static long entriesWith(String text) {
        return engine.timeline(Actor.staff("sam"), acme, PageRequest.first(500)).items().stream()
                .filter(e -> e.text().orElse("").contains(text))
                .count();
    }

    private static long storedVersion() {
        return engine.find(Actor.staff("sam"), acme).orElseThrow().version();
    }

    @Test
    void theCustomersMessageFormSentTwiceWritesOnce() throws Exception {
        PortalSession ina = PortalSession.signIn(tenants.portal(), "ina").accepting("text/html");
        String page = "/portal/escalations/" + Views.path(acme.value());
        HttpResponse<String> rendered = ina.get(page);
        String version = version(rendered, "message-form");
        assertThat(Long.parseLong(version)).isEqualTo(storedVersion());
        Map<String, String> form = new LinkedHashMap<>();
        form.put("text", "Double click probe");
        form.put("version", version);

        HttpResponse<String> first = ina.post(page + "/message", form);
        assertThat(first.statusCode()).isEqualTo(302);
        assertThat(entriesWith("Double click probe")).isEqualTo(1);
        long after = storedVersion();

        ina.get("/portal?lang=en"); // ina prefers German: the English page first
        HttpResponse<String> second = ina.post(page + "/message", form);
        assertThat(second.statusCode()).isEqualTo(409);
        assertThat(second.body())
                .contains("id=\"problem\"", "Changed meanwhile")
                .contains("changed after this page was loaded", "Reload the escalation")
                .contains("id=\"back-escalation\"");
        assertThat(entriesWith("Double click probe")).isEqualTo(1);
        assertThat(storedVersion()).isEqualTo(after);

        ina.get("/portal?lang=de");
        HttpResponse<String> third = ina.post(page + "/message", form);
        assertThat(third.statusCode()).isEqualTo(409);
        assertThat(third.body())
                .contains("Inzwischen geändert")
                .contains("nachdem die Seite geladen wurde", "Laden Sie die Eskalation neu");
        assertThat(entriesWith("Double click probe")).isEqualTo(1);
        assertThat(storedVersion()).isEqualTo(after);

        // reloaded, the page carries the new version and the same text goes through
        String reloaded = version(ina.get(page), "message-form");
        assertThat(reloaded).isEqualTo(Long.toString(after));
        form.put("version", reloaded);
        assertThat(ina.post(page + "/message", form).statusCode()).isEqualTo(302);
        assertThat(entriesWith("Double click probe")).isEqualTo(2);
    }

    @Test
    void theDesksProgressFormSentTwiceWritesOnce() throws Exception {
        PortalSession eve = PortalSession.signIn(tenants.portal(), "eve").accepting("text/html");
        eve.get("/desk?lang=en");
        String page = "/desk/escalations/" + Views.path(acme.value());
        String version = version(eve.get(page), "progress-form");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("kind", "NOTE");
        form.put("text", "Desk double submit probe");
        form.put("version", version);

        assertThat(eve.post(page + "/progress", form).statusCode()).isEqualTo(302);
        long after = storedVersion();
        HttpResponse<String> again = eve.post(page + "/progress", form);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("Changed meanwhile", "changed after this page was loaded");
        assertThat(entriesWith("Desk double submit probe")).isEqualTo(1);
        assertThat(storedVersion()).isEqualTo(after);
    }
}
