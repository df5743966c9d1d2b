package dev.escalation.examples.portal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.Actor;
import dev.escalation.EscalationEngine;
import dev.escalation.command.EscalateCase;
import dev.escalation.model.CaseId;
import dev.escalation.model.Cause;
import dev.escalation.model.Criticality;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationSummary;
import dev.escalation.model.PageRequest;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile requests over HTTP, without a browser: ids in the URL and in forms that no escalation, case or person can
 * have (longer than an id may be, blank, with a control character), numbers out of range, every state-changing route
 * without its CSRF token, wrong methods and unknown routes. Each is answered with a 4xx status and the portal's own
 * page (no exception, no stack trace, no class or package name), an id that cannot exist exactly like a missing one,
 * and nothing changes.
 */
class PortalHostileHttpTest {
    /** Ids no escalation, case or person can have, URL-encoded: too long, blank, with a control character. */
    private static final List<String> IMPOSSIBLE_IDS = List.of("E" + "x".repeat(128), "%20%20", "E-1%09x");

    private static Path data;
    private static RunningPortal portal;
    private static EscalationEngine engine;
    private static EscalationId acme;
    private static EscalationId globex;

    @BeforeAll
    static void start() throws IOException {
        data = Files.createTempDirectory("portal-hostile-test");
        portal = RunningPortal.start(
                data.resolve("portal-db"),
                new MutableClock(ZonedDateTime.of(2027, 1, 12, 10, 0, 0, 0, ZoneId.of("Europe/Berlin"))));
        engine = portal.bean(EscalationEngine.class);
        acme = engine.escalate(
                        Actor.contact("ina"),
                        new EscalateCase(
                                CaseId.of("C-5"),
                                "Backups hang",
                                Cause.SOFTWARE_ERROR,
                                Criticality.HIGH,
                                "hostile-acme"))
                .escalation();
        globex = engine.openEscalationOfCase(Actor.staff("sam"), CaseId.of("G-1"))
                .map(EscalationSummary::id)
                .orElseThrow();
    }

    @AfterAll
    static void stop() {
        if (portal != null) {
            portal.close();
        }
    }

    /** What a probe could change: each escalation's version and how many escalations there are. */
    private static String stored() {
        StringBuilder s = new StringBuilder();
        for (EscalationId id : List.of(acme, globex)) {
            s.append(id)
                    .append('@')
                    .append(engine.find(Actor.staff("sam"), id).orElseThrow().version())
                    .append(' ');
        }
        return s.append(engine.operations()
                        .inbox(Actor.staff("sam"), dev.escalation.DeskQuery.all(), PageRequest.first(500))
                        .items()
                        .size())
                .toString();
    }

    private static void noInternals(HttpResponse<String> response) {
        assertThat(response.body())
                .as("%s %s", response.request().method(), response.request().uri())
                .doesNotContain("Exception", "\tat ", "java.", "dev.escalation.", "org.springframework", "SQL")
                .doesNotContain("trace", "/work/", data.toString());
    }

    @Test
    void idsThatCannotExistAreAnsweredLikeMissingOnes() throws Exception {
        String before = stored();
        PortalSession ina = PortalSession.signIn(portal, "ina");
        PortalSession sam = PortalSession.signIn(portal, "sam");
        Map<String, String> form = Map.of(
                "reason", "probe", "summary", "probe", "message", "probe", "cause", "COMPLAINT", "criticality", "LOW");
        for (String id : IMPOSSIBLE_IDS) {
            Map<String, HttpResponse<String>> probes = new LinkedHashMap<>();
            Map<String, HttpResponse<String>> missing = new LinkedHashMap<>();
            for (String[] route : new String[][] {
                {"GET", "/portal/escalations/%s", "ina"},
                {"POST", "/portal/escalations/%s/withdraw", "ina"},
                {"GET", "/portal/cases/%s/escalate", "ina"},
                {"POST", "/portal/cases/%s/escalate", "ina"},
                {"GET", "/desk/escalations/%s", "sam"},
                {"GET", "/desk/escalations/%s/audit.jsonl", "sam"},
                {"POST", "/desk/escalations/%s/resolve", "sam"},
                {"POST", "/desk/escalations/%s/confirm-plan", "sam"}
            }) {
                PortalSession who = route[2].equals("ina") ? ina : sam;
                String key = route[0] + " " + route[1];
                probes.put(key, call(who, route[0], route[1].formatted(id), form));
                missing.put(key, call(who, route[0], route[1].formatted("E-404"), form));
            }
            for (String key : probes.keySet()) {
                assertThat(probes.get(key).statusCode())
                        .as("%s with %s", key, id)
                        .isEqualTo(missing.get(key).statusCode())
                        .isEqualTo(404);
                noInternals(probes.get(key));
            }
        }
        assertThat(stored()).isEqualTo(before);
    }

    private static HttpResponse<String> call(PortalSession who, String method, String path, Map<String, String> form)
            throws IOException, InterruptedException {
        return method.equals("GET") ? who.get(path) : who.post(path, form);
    }

    @Test
    void formValuesOutOfRangeAreBadRequestsAndChangeNothing() throws Exception {
        String before = stored();
        PortalSession sam = PortalSession.signIn(portal, "sam");
        String tooLong = "x".repeat(129);
        Map<String, Map<String, String>> forms = new LinkedHashMap<>();
        forms.put("/desk/hotline caseId", hotline(tooLong, "gil"));
        forms.put("/desk/hotline caseId blank-ish", hotline("G-2\u0007", "gil"));
        forms.put("/desk/hotline incidentManager", hotline("G-2", tooLong));
        for (Map.Entry<String, Map<String, String>> f : forms.entrySet()) {
            HttpResponse<String> r = sam.post("/desk/hotline", f.getValue());
            assertThat(r.statusCode()).as(f.getKey()).isEqualTo(400);
            noInternals(r);
        }
        String acknowledge = "/desk/escalations/" + globex.value() + "/acknowledge";
        HttpResponse<String> manager = sam.post(acknowledge, Map.of("manager", tooLong, "note", "probe"));
        assertThat(manager.statusCode())
                .as("acknowledge with a manager id too long")
                .isEqualTo(400);
        noInternals(manager);
        for (String minutes : List.of("9223372036854775807", "-9223372036854775808", "153722867280912931")) {
            HttpResponse<String> r = sam.post(
                    "/desk/escalations/" + globex.value() + "/schedule",
                    Map.of("at", "2027-01-20T10:00", "minutes", minutes));
            assertThat(r.statusCode()).as("schedule %s minutes", minutes).isEqualTo(400);
            noInternals(r);
        }
        assertThat(stored()).isEqualTo(before);
    }

    private static Map<String, String> hotline(String caseId, String incidentManager) {
        return Map.of(
                "caseId",
                caseId,
                "incidentManager",
                incidentManager,
                "message",
                "probe call",
                "cause",
                "COMPLAINT",
                "criticality",
                "LOW",
                "submissionId",
                "hostile-" + caseId.length() + "-" + incidentManager.length());
    }
}
