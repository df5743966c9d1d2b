package dev.escalation.examples.portal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.Action;
import dev.escalation.Actor;
import dev.escalation.EscalationEngine;
import dev.escalation.EscalationView;
import dev.escalation.TimelineEntry;
import dev.escalation.model.CaseId;
import dev.escalation.model.CustomerId;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import dev.escalation.model.EscalationSummary;
import dev.escalation.model.PageRequest;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.web.util.HtmlUtils;

/**
 * Tenant isolation over HTTP, without a browser: customers of ACME and GLOBEX, signed in with the portal's own form
 * login (and its CSRF tokens), ask for each other's escalations by URL and post each other's actions. Another
 * customer's escalation answers exactly as one that does not exist (404), nothing of it appears, nothing changes; the
 * desk and its audit export are for staff only (403); another customer's case cannot be escalated, and another
 * person's receipt cannot be read.
 */
class PortalTenancyHttpTest {
    private static final String ACME_SECRET = "acme-only backup details";

    private static RunningPortal portal;
    private static EscalationEngine engine;
    private static EscalationId acme;
    private static EscalationId globex;

    @BeforeAll
    static void start() throws IOException {
        TwoTenants t = TwoTenants.start("portal-tenancy-test", ACME_SECRET, "tenancy-acme");
        portal = t.portal();
        engine = t.engine();
        acme = t.acme();
        globex = t.globex();
    }

    @AfterAll
    static void stop() {
        if (portal != null) {
            portal.close();
        }
    }

    @Test
    void anotherCustomersEscalationIsNotFoundLikeAMissingOneAndShowsNothing() throws Exception {
        PortalSession gil = PortalSession.signIn(portal, "gil");
        HttpResponse<String> theirs = gil.get("/portal/escalations/" + acme.value());
        HttpResponse<String> missing = gil.get("/portal/escalations/E-does-not-exist");
        assertThat(theirs.statusCode()).isEqualTo(404).isEqualTo(missing.statusCode());
        assertThat(theirs.body()).doesNotContain(ACME_SECRET);
        assertThat(gil.get("/portal").body())
                .as("gil's portal lists GLOBEX's escalation only")
                .contains(globex.value())
                .doesNotContain(acme.value())
                .doesNotContain(ACME_SECRET);

        PortalSession ina = PortalSession.signIn(portal, "ina");
        assertThat(ina.get("/portal/escalations/" + globex.value()).statusCode())
                .isEqualTo(404);
        assertThat(ina.get("/portal/escalations/" + acme.value()).body())
                .as("the owner sees it")
                .contains(ACME_SECRET);
    }

    @Test
    void anotherCustomersEscalationCannotBeActedOnAndStaysUnchanged() throws Exception {
        EscalationView before = engine.find(Actor.staff("sam"), acme).orElseThrow();
        PortalSession gil = PortalSession.signIn(portal, "gil");
        for (String action : new String[] {"message", "withdraw", "reopen", "decline-lessons", "confirm-plan"}) {
            HttpResponse<String> theirs = gil.post(
                    "/portal/escalations/" + acme.value() + "/" + action,
                    Map.of("text", "gil was here", "reason", "gil was here"));
            HttpResponse<String> missing = gil.post(
                    "/portal/escalations/E-does-not-exist/" + action,
                    Map.of("text", "gil was here", "reason", "gil was here"));
            assertThat(theirs.statusCode()).as(action).isEqualTo(404).isEqualTo(missing.statusCode());
            assertThat(theirs.body()).doesNotContain(ACME_SECRET);
        }
        EscalationView after = engine.find(Actor.staff("sam"), acme).orElseThrow();
        assertThat(after.version()).isEqualTo(before.version());
        assertThat(after.state()).isEqualTo(before.state());
        assertThat(engine.timeline(Actor.staff("sam"), acme, PageRequest.first(100))
                        .items())
                .extracting(TimelineEntry::text)
                .noneMatch(t -> t.filter(x -> x.contains("gil was here")).isPresent());
    }

    @Test
    void anotherCustomersCaseCannotBeEscalatedAndAReceiptIsItsOwnersOnly() throws Exception {
        PortalSession ina = PortalSession.signIn(portal, "ina");
        HttpResponse<String> escalated = ina.post(
                "/portal/cases/C-4/escalate",
                Map.of(
                        "message", "Export takes an hour",
                        "cause", "PERFORMANCE_DEGRADATION",
                        "criticality", "MEDIUM",
                        "submissionId", "tenancy-receipt"));
        assertThat(escalated.statusCode()).isEqualTo(302);
        assertThat(escalated.headers().firstValue("Location"))
                .as("a path, not a URL made from the request's Host")
                .hasValue("/portal/receipts/tenancy-receipt");
        assertThat(ina.get("/portal/receipts/tenancy-receipt").statusCode()).isEqualTo(200);

        PortalSession gil = PortalSession.signIn(portal, "gil");
        assertThat(gil.get("/portal/receipts/tenancy-receipt").statusCode())
                .as("ina's receipt, asked by gil")
                .isEqualTo(404);
        assertThat(gil.get("/portal/cases/C-3/escalate").statusCode()).isEqualTo(404);
        HttpResponse<String> refused = gil.post(
                "/portal/cases/C-3/escalate",
                Map.of("message", "mine now", "cause", "COMPLAINT", "criticality", "LOW", "submissionId", "gil-c3"));
        assertThat(refused.statusCode()).isEqualTo(404);
        assertThat(engine.openEscalationOfCase(Actor.staff("sam"), CaseId.of("C-3")))
                .as("no escalation of ACME's case C-3")
                .isEmpty();
        assertThat(engine.escalationsOfCustomer(
                                Actor.contact("gil"), dev.escalation.CustomerQuery.all(), PageRequest.first(100))
                        .items())
                .extracting(EscalationSummary::customer)
                .containsOnly(CustomerId.of("globex"));
    }

    /**
     * Another customer's submissions cannot push a person's receipt out: gil sends "Escalate Case" for his open case
     * over and over, each time with a new submission id (each answered with a receipt of his escalation), more times
     * than the portal keeps receipts; ina's receipt, made before, still shows. Before, the receipts of all customers
     * shared one bounded book, and gil's requests made ina's receipt page a 404.
     */
    @Test
    void anotherCustomersSubmissionsCannotPushAReceiptOut() throws Exception {
        PortalSession ina = PortalSession.signIn(portal, "ina");
        HttpResponse<String> escalated = ina.post(
                "/portal/cases/C-1/escalate",
                Map.of(
                        "message", "Nightly load fails",
                        "cause", "SOFTWARE_ERROR",
                        "criticality", "MEDIUM",
                        "submissionId", "tenancy-kept-receipt"));
        assertThat(escalated.statusCode()).isEqualTo(302);
        assertThat(ina.get("/portal/receipts/tenancy-kept-receipt").statusCode())
                .isEqualTo(200);

        PortalSession gil = PortalSession.signIn(portal, "gil");
        String token = gil.csrfToken();
        for (int i = 0; i < 1_100; i++) { // more than the 1000 receipts the portal kept for everyone together
            HttpResponse<String> again = gil.send(
                    "POST",
                    "/portal/cases/G-1/escalate",
                    "_csrf=" + token + "&message=again&cause=COMPLAINT&criticality=LOW&submissionId=flood-" + i);
            assertThat(again.statusCode()).as("gil's submission %s", i).isEqualTo(302);
        }
        assertThat(ina.get("/portal/receipts/tenancy-kept-receipt").statusCode())
                .as("ina's receipt after gil's submissions")
                .isEqualTo(200);
    }

    /**
     * A refused transition suggests only what the reader may do now: ina, ACME's Incident Manager, confirming a plan on
     * her escalation that has none proposed, is offered what her page offers her; tom, an ACME contact without that
     * role, nothing. Before, both were offered every action the state allows, the desk's too ("appoint an Escalation
     * Manager", "change the SLA policy"), and tom the Incident Manager's.
     */
    @Test
    void aRefusedTransitionSuggestsOnlyWhatTheReaderMayDo() throws Exception {
        assertThat(engine.find(Actor.staff("sam"), acme).orElseThrow().state())
                .as("no plan proposed yet")
                .isEqualTo(EscalationState.REQUESTED);
        Ui german = new Ui(Locale.GERMAN, DemoData.BERLIN, engine.texts());
        String possible = german.t("problem.illegal.possible", "\u0000").split("\u0000")[0];
        for (String user : List.of("ina", "tom")) {
            PortalSession who = PortalSession.signIn(portal, user);
            HttpResponse<String> refused = who.post("/portal/escalations/" + acme.value() + "/confirm-plan", Map.of());
            assertThat(refused.statusCode()).as(user).isEqualTo(409);
            Matcher m = Pattern.compile("id=\"problem-message\">([^<]*)<").matcher(refused.body());
            assertThat(m.find()).as(user).isTrue();
            String message = HtmlUtils.htmlUnescape(m.group(1));
            Set<Action> may =
                    engine.find(Actor.contact(user), acme).orElseThrow().availableActions();
            Set<String> offered = new TreeSet<>();
            int at = message.indexOf(possible);
            if (at >= 0) {
                String list = message.substring(at + possible.length()).replaceFirst("\\.$", "");
                offered.addAll(List.of(list.split(", ")));
            }
            Set<String> mayLabels = new TreeSet<>();
            may.forEach(a -> mayLabels.add(german.label(a)));
            assertThat(offered).as("%s: %s", user, message).isEqualTo(mayLabels);
            assertThat(message)
                    .as(user)
                    .doesNotContain(german.label(Action.ACKNOWLEDGE), german.label(Action.MIGRATE_POLICY));
        }
        assertThat(engine.find(Actor.contact("ina"), acme).orElseThrow().availableActions())
                .as("ina is offered something, tom nothing")
                .contains(Action.WITHDRAW);
        assertThat(engine.find(Actor.contact("tom"), acme).orElseThrow().availableActions())
                .isEmpty();
    }

    @Test
    void theDeskAndItsAuditExportAreForStaffOnly() throws Exception {
        PortalSession gil = PortalSession.signIn(portal, "gil");
        assertThat(gil.get("/desk").statusCode()).isEqualTo(403);
        assertThat(gil.get("/desk/escalations/" + acme.value()).statusCode()).isEqualTo(403);
        HttpResponse<String> audit = gil.get("/desk/escalations/" + globex.value() + "/audit.jsonl");
        assertThat(audit.statusCode()).as("even of gil's own escalation").isEqualTo(403);

        PortalSession eve = PortalSession.signIn(portal, "eve");
        assertThat(eve.get("/portal").statusCode())
                .as("the portal is for customers")
                .isEqualTo(403);
        assertThat(eve.get("/desk/escalations/" + acme.value()).statusCode()).isEqualTo(200);
    }

    /**
     * The audit export holds what people wrote: it is a download (an attachment named by the id alone), in UTF-8, that
     * no browser sniffs into a page and no cache keeps.
     */
    @Test
    void theAuditExportIsAnUncachedAttachment() throws Exception {
        PortalSession sam = PortalSession.signIn(portal, "sam");
        HttpResponse<String> audit = sam.get("/desk/escalations/" + acme.value() + "/audit.jsonl");
        assertThat(audit.statusCode()).isEqualTo(200);
        assertThat(audit.headers().firstValue("Content-Type")).hasValue("application/jsonl;charset=UTF-8");
        assertThat(audit.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(audit.headers().firstValue("Cache-Control"))
                .hasValueSatisfying(c -> assertThat(c).contains("no-store"));
        assertThat(audit.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"" + acme.value() + ".audit.jsonl\"");
        assertThat(audit.body().lines().toList())
                .isNotEmpty()
                .allSatisfy(line -> assertThat(line).startsWith("{").endsWith("}"));
    }

    /**
     * Whatever version the form claims (none, the current one, a stale one, an impossible one) and whatever the client
     * accepts (the page or JSON), another customer's escalation gets the answer a missing one gets: the same status and
     * the same body but for the id and the time, so that neither tells the two apart.
     */
    @Test
    void anotherCustomersEscalationAnswersLikeAMissingOneWhateverTheFormSays() throws Exception {
        PortalSession gil = PortalSession.signIn(portal, "gil");
        long version = engine.find(Actor.staff("sam"), acme).orElseThrow().version();
        for (String action : List.of("message", "withdraw", "reopen", "confirm-plan", "propose-plan", "nope")) {
            for (String claimed : List.of("", Long.toString(version), Long.toString(version + 5), "-1", "x")) {
                for (String accept : new String[] {null, "application/json"}) {
                    Map<String, String> form = Map.of(
                            "text", "gil was here",
                            "reason", "gil was here",
                            "version", claimed,
                            "frequency", "P1D",
                            "channel", "PHONE",
                            "firstMeetingAt", "2027-01-20T10:00");
                    gil.accepting(accept);
                    HttpResponse<String> theirs = gil.post("/portal/escalations/" + acme.value() + "/" + action, form);
                    HttpResponse<String> missing = gil.post("/portal/escalations/E-missing/" + action, form);
                    String what = action + " version=" + claimed + " accept=" + accept;
                    assertThat(theirs.statusCode()).as(what).isEqualTo(missing.statusCode());
                    assertThat(comparable(theirs.body(), acme.value()))
                            .as(what)
                            .isEqualTo(comparable(missing.body(), "E-missing"));
                }
            }
        }
        gil.accepting(null);
        assertThat(engine.find(Actor.staff("sam"), acme).orElseThrow().version())
                .isEqualTo(version);
    }

    /** A body without its CSRF token, the id asked for and the time of the answer. */
    private static String comparable(String body, String id) {
        return PortalSession.withoutCsrfTokens(body)
                .replace(id, "ID")
                .replaceAll("\"timestamp\":\"[^\"]*\"", "\"timestamp\":\"\"");
    }
}
