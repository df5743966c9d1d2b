package dev.escalation.examples.portal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.EscalationEngine;
import dev.escalation.model.EscalationId;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Any text in the id segment of the portal's and the desk's escalation URLs (Unicode of every kind: control and
 * format characters, right-to-left overrides, zero-width spaces, unpaired surrogates, ids up to 300 characters,
 * another customer's id with a trick appended): the answer is the portal's 404 page (400 when the server refuses the
 * path itself), never a 5xx, without internals and without anything of another customer's escalation, and nothing
 * changes.
 */
class PortalPathIdProperties {
    private static TwoTenants tenants;
    private static RunningPortal portal;
    private static EscalationEngine engine;
    private static EscalationId acme;
    private static EscalationId globex;
    private static PortalSession gil;
    private static PortalSession sam;
    private static String untouched;

    @BeforeContainer
    static void start() throws Exception {
        TwoTenants t = TwoTenants.start("portal-path-ids", "Backups hang", "p");
        tenants = t;
        portal = t.portal();
        engine = t.engine();
        acme = t.acme();
        globex = t.globex();
        gil = PortalSession.signIn(portal, "gil");
        sam = PortalSession.signIn(portal, "sam");
        untouched = stored();
    }

    @AfterContainer
    static void stop() {
        if (portal != null) {
            portal.close();
        }
    }

    private static String stored() {
        return tenants.stored();
    }

    @Property(tries = 1000)
    void anyIdInTheUrlIsNotFoundAndChangesNothing(@ForAll("ids") String id, @ForAll("routes") String route)
            throws Exception {
        String encoded = URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
        boolean desk = route.contains(" /desk/");
        PortalSession who = desk ? sam : gil;
        HttpResponse<String> r = call(who, route, encoded);
        assertThat(r.statusCode()).as("%s with %s", route, encoded).isIn(400, 404);
        assertThat(PortalSession.withoutCsrfTokens(r.body()))
                .doesNotContain("Exception", "\tat ", "java.", "dev.escalation.", "org.springframework", "Tomcat");
        if (!desk) {
            assertThat(PortalSession.withoutCsrfTokens(r.body())).doesNotContain("Backups hang", "C-5");
            if (r.statusCode() == 404) {
                assertThat(call(who, route, "E-404").statusCode())
                        .as("a missing escalation")
                        .isEqualTo(404);
            }
        }
        assertThat(stored()).isEqualTo(untouched);
    }

    private static HttpResponse<String> call(PortalSession who, String route, String id) throws Exception {
        String path = route.replace("{id}", id);
        return route.startsWith("GET ")
                ? who.get(path.substring(4))
                : who.post(path.substring(5), Map.of("reason", "probe", "text", "probe", "summary", "probe"));
    }

    @Provide
    Arbitrary<String> routes() {
        return Arbitraries.of(
                "GET /portal/escalations/{id}",
                "POST /portal/escalations/{id}/withdraw",
                "POST /portal/escalations/{id}/message",
                "GET /portal/cases/{id}/escalate",
                "GET /desk/escalations/{id}",
                "GET /desk/escalations/{id}/audit.jsonl",
                "POST /desk/escalations/{id}/resolve");
    }

    @Provide
    Arbitrary<String> ids() {
        Arbitrary<String> any = Arbitraries.strings().all().ofMinLength(1).ofMaxLength(300);
        Arbitrary<String> tricks = Arbitraries.of(
                        "\u202e", "\u200b", "\u200d", "\ufeff", "\u0000", "\u0085", "\ud800", "\udfff", " ", "\t", "..")
                .list()
                .ofMinSize(1)
                .ofMaxSize(3)
                .map(l -> String.join("", l));
        Arbitrary<String> theirs = tricks.map(t -> acme.value() + t);
        Arbitrary<String> wrapped = tricks.map(t -> t + acme.value());
        return Arbitraries.oneOf(any, tricks, theirs, wrapped, Arbitraries.just("x".repeat(129)));
    }
}
