package dev.escalation.examples.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Every route of the portal's controllers, found by reflection so that a route added later is probed too, asked by
 * GLOBEX's contact gil with ACME's handles in its path and form (ina's escalation, ACME's case, the submission id ina
 * used as receipt key and form value, ACME's contact as the named person) and again with handles that name nothing:
 * with this session's CSRF token and without, as a browser and as a JSON client. Each pair gets the same status and
 * the same body but for the handle sent, no body shows ACME's message or an internal (an exception, a class, a stack
 * line), and nothing stored changes.
 */
class PortalRoutesTenancyHttpTest {
    private static final String ACME_SECRET = "routes acme backup details";
    private static final String ACME_SUBMISSION = "routes-acme-submission";

    private static TwoTenants tenants;

    @BeforeAll
    static void start() throws Exception {
        tenants = TwoTenants.start("portal-routes-tenancy-test", ACME_SECRET, ACME_SUBMISSION);
    }

    @AfterAll
    static void stop() {
        if (tenants != null) {
            tenants.portal().close();
        }
    }

    /** A route: method and path pattern. */
    record Route(String method, String path) {}

    /** The mapped routes of the portal's controllers (the error controller aside). */
    static List<Route> routes() {
        List<Route> routes = new ArrayList<>();
        for (Class<?> c : List.of(CustomerController.class, DeskController.class, HomeController.class)) {
            RequestMapping base = c.getAnnotation(RequestMapping.class);
            String prefix = base == null || base.value().length == 0 ? "" : base.value()[0];
            for (Method m : c.getDeclaredMethods()) {
                GetMapping get = m.getAnnotation(GetMapping.class);
                PostMapping post = m.getAnnotation(PostMapping.class);
                if (get != null) {
                    routes.add(new Route("GET", prefix + (get.value().length == 0 ? "" : get.value()[0])));
                }
                if (post != null) {
                    routes.add(new Route("POST", prefix + (post.value().length == 0 ? "" : post.value()[0])));
                }
            }
        }
        routes.sort(java.util.Comparator.comparing(Route::path).thenComparing(Route::method));
        return routes;
    }

    /** The path variables' values: ACME's handles, or handles of nobody. */
    private static Map<String, String> handles(boolean acme) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("id", acme ? tenants.acme().value() : "E-routes-missing");
        h.put("caseId", acme ? "C-5" : "C-404");
        h.put("key", acme ? ACME_SUBMISSION : "routes-missing-submission");
        return h;
    }

    /** A form that fills every field a route reads, with the side's handles where a field names one. */
    private static Map<String, String> form(boolean acme) {
        Map<String, String> f = new LinkedHashMap<>();
        for (String field : List.of("text", "reason", "message", "summary", "findings", "note")) {
            f.put(field, "gil was here");
        }
        f.put("frequency", "P1D");
        f.put("channel", "PHONE");
        f.put("firstMeetingAt", "2027-01-20T10:00");
        f.put("at", "2027-01-20T10:00");
        f.put("minutes", "60");
        f.put("cause", "COMPLAINT");
        f.put("criticality", "CRITICAL");
        f.put("kind", "CONTACT");
        f.put("who", acme ? "ina" : "nobody");
        f.put("incidentManager", acme ? "ina" : "nobody");
        f.put("caseId", acme ? "C-5" : "C-404");
        f.put("submissionId", acme ? ACME_SUBMISSION : "routes-missing-submission");
        f.put("manager", "eve");
        f.put("version", "");
        return f;
    }

    private static final List<String> ACTIONS = List.of(
            "acknowledge",
            "close",
            "confirm-plan",
            "decline-lessons",
            "message",
            "participant",
            "plan",
            "plan-alone",
            "progress",
            "propose-plan",
            "record",
            "reopen",
            "resolve",
            "schedule",
            "withdraw",
            "nope");

    /** The answer's body without CSRF tokens, times and the handles sent. */
    private static String comparable(String body, Map<String, String> handles, Map<String, String> form) {
        String out = PortalSession.withoutCsrfTokens(body)
                .replaceAll("name=\"_csrf\" value=\"[^\"]*\"", "name=\"_csrf\" value=\"\"")
                .replaceAll("\"timestamp\":\"[^\"]*\"", "\"timestamp\":\"\"");
        Map<String, String> sent = new LinkedHashMap<>(handles);
        if (form != null) {
            sent.put("who", form.get("who"));
        }
        for (Map.Entry<String, String> e : sent.entrySet()) {
            // whole values only: the contact ina is not the "ina" of another word
            out = out.replaceAll(
                    "(?<![\\p{Alnum}])" + java.util.regex.Pattern.quote(e.getValue()) + "(?![\\p{Alnum}])",
                    "<" + e.getKey() + ">");
        }
        return out;
    }

    @Test
    void everyRouteAnswersAnotherCustomersHandlesAsMissingOnes() throws Exception {
        String before = tenants.stored();
        PortalSession gil = PortalSession.signIn(tenants.portal(), "gil");
        String token = gil.csrfToken();
        List<String> wrong = new ArrayList<>();
        TreeSet<String> statuses = new TreeSet<>();
        int probes = 0;
        for (Route route : routes()) {
            List<String> actions = route.path().contains("{action}") ? ACTIONS : List.of("");
            for (String action : actions) {
                for (boolean csrf : new boolean[] {true, false}) {
                    if (!csrf && route.method().equals("GET")) {
                        continue;
                    }
                    for (String accept : new String[] {null, "application/json"}) {
                        gil.accepting(accept);
                        Map<Boolean, HttpResponse<String>> answers = new LinkedHashMap<>();
                        for (boolean acme : new boolean[] {true, false}) {
                            String path = route.path().replace("{action}", action);
                            for (Map.Entry<String, String> h : handles(acme).entrySet()) {
                                path = path.replace("{" + h.getKey() + "}", h.getValue());
                            }
                            Map<String, String> form = new LinkedHashMap<>(form(acme));
                            if (csrf) {
                                form.put("_csrf", token);
                            }
                            answers.put(
                                    acme,
                                    route.method().equals("GET")
                                            ? gil.get(path)
                                            : gil.send("POST", path, encode(form)));
                        }
                        probes++;
                        String what = route + " " + action + " csrf=" + csrf + " accept=" + accept;
                        HttpResponse<String> theirs = answers.get(true);
                        boolean posted = route.method().equals("POST");
                        HttpResponse<String> missing = answers.get(false);
                        statuses.add(route.path() + " " + theirs.statusCode());
                        if (theirs.statusCode() != missing.statusCode()) {
                            wrong.add(what + ": " + theirs.statusCode() + " but " + missing.statusCode()
                                    + " for a missing one");
                        } else if (!comparable(theirs.body(), handles(true), posted ? form(true) : null)
                                .equals(comparable(missing.body(), handles(false), posted ? form(false) : null))) {
                            wrong.add(what + ": bodies differ\n" + theirs.body() + "\n---\n" + missing.body());
                        }
                        String shown = PortalSession.withoutCsrfTokens(theirs.body());
                        for (String never : List.of(
                                ACME_SECRET, "Exception", "\tat ", "java.", "dev.escalation.", "org.springframework")) {
                            if (shown.contains(never)) {
                                wrong.add(what + ": shows " + never);
                            }
                        }
                    }
                }
            }
        }
        gil.accepting(null);
        assertThat(wrong).as("of %d probes: %s", probes, statuses).isEmpty();
        assertThat(probes).isGreaterThan(100);
        assertThat(tenants.stored()).as("a probe changed something").isEqualTo(before);
    }

    /**
     * gil sends "Escalate Case" for his own case with the submission id ina used: he gets his own escalation back, and
     * his receipt under that key shows nothing of ina's.
     */
    @Test
    void anotherCustomersSubmissionIdGivesTheCallerOnlyHisOwnEscalation() throws Exception {
        PortalSession gil = PortalSession.signIn(tenants.portal(), "gil");
        HttpResponse<String> sent = gil.post(
                "/portal/cases/G-1/escalate",
                Map.of(
                        "message", "again",
                        "cause", "COMPLAINT",
                        "criticality", "LOW",
                        "submissionId", ACME_SUBMISSION));
        assertThat(sent.statusCode()).isEqualTo(302);
        HttpResponse<String> receipt = gil.get("/portal/receipts/" + ACME_SUBMISSION);
        assertThat(receipt.statusCode()).isEqualTo(200);
        assertThat(PortalSession.withoutCsrfTokens(receipt.body()))
                .contains(tenants.globex().value())
                .doesNotContain(tenants.acme().value(), ACME_SECRET, "C-5");
    }

    /**
     * dan, a support engineer (staff, but neither Support Management nor an Escalation Manager), posts every desk
     * action on ina's escalation and records a hotline call for ina: each is refused (403; 409 where the state is
     * checked first, 400 where a value is, as the engine orders its checks), never a redirect to a done page, no answer
     * shows an internal, and nothing changes.
     */
    @Test
    void staffWithoutTheRoleChangeNothingThroughTheDesk() throws Exception {
        String before = tenants.stored();
        PortalSession dan = PortalSession.signIn(tenants.portal(), "dan");
        List<String> wrong = new ArrayList<>();
        for (Route route : routes()) {
            if (!route.method().equals("POST") || !route.path().startsWith("/desk")) {
                continue;
            }
            List<String> actions = route.path().contains("{action}") ? ACTIONS : List.of("");
            for (String action : actions) {
                String path = route.path()
                        .replace("{action}", action)
                        .replace("{id}", tenants.acme().value());
                HttpResponse<String> answer = dan.post(path, form(true));
                String shown = PortalSession.withoutCsrfTokens(answer.body());
                if (!List.of(400, 403, 404, 409).contains(answer.statusCode())) {
                    wrong.add(path + ": " + answer.statusCode() + " "
                            + answer.headers().firstValue("Location"));
                }
                for (String never : List.of("Exception", "\tat ", "java.", "dev.escalation.", "org.springframework")) {
                    if (shown.contains(never)) {
                        wrong.add(path + ": shows " + never);
                    }
                }
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(tenants.stored()).as("dan changed something").isEqualTo(before);
    }

    @Test
    void theRoutesAreFound() {
        assertThat(routes())
                .contains(
                        new Route("GET", "/portal/escalations/{id}"),
                        new Route("POST", "/portal/escalations/{id}/{action}"),
                        new Route("GET", "/desk/escalations/{id}/audit.jsonl"),
                        new Route("POST", "/desk/hotline"))
                .hasSizeGreaterThan(10);
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> java.net.URLEncoder.encode(e.getKey(), java.nio.charset.StandardCharsets.UTF_8) + "="
                        + java.net.URLEncoder.encode(e.getValue(), java.nio.charset.StandardCharsets.UTF_8))
                .collect(java.util.stream.Collectors.joining("&"));
    }
}
