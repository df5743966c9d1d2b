package dev.escalation.examples.portal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.EscalationEngine;
import dev.escalation.model.EscalationId;
import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    private static TwoTenants tenants;
    private static RunningPortal portal;
    private static EscalationEngine engine;
    private static EscalationId acme;
    private static EscalationId globex;

    @BeforeAll
    static void start() throws IOException {
        TwoTenants t = TwoTenants.start("portal-hostile-test", "Backups hang", "hostile-acme");
        tenants = t;
        data = t.data();
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

    /** What a probe could change: each escalation's version and how many escalations there are. */
    private static String stored() {
        return tenants.stored();
    }

    private static void noInternals(HttpResponse<String> response) {
        assertThat(PortalSession.withoutCsrfTokens(response.body()))
                .as("%s %s", response.request().method(), response.request().uri())
                .doesNotContain("Exception", "\tat ", "java.", "dev.escalation.", "org.springframework", "SQL")
                .doesNotContain("trace", "Tomcat", "/work/", data.toString());
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

    @Test
    void everyStateChangingRouteNeedsThisSessionsCsrfToken() throws Exception {
        String before = stored();
        PortalSession ina = PortalSession.signIn(portal, "ina");
        PortalSession sam = PortalSession.signIn(portal, "sam");
        PortalSession gil = PortalSession.signIn(portal, "gil");
        String foreignToken = gil.csrfToken();
        Map<String, String> content = new LinkedHashMap<>();
        content.put("text", "probe");
        content.put("reason", "probe");
        content.put("summary", "probe");
        content.put("note", "probe");
        content.put("manager", "eve");
        content.put("kind", "NOTE");
        content.put("who", "external");
        content.put("displayName", "Probe");
        content.put("frequency", "P1D");
        content.put("channel", "PHONE");
        content.put("firstMeetingAt", "2027-01-13T10:00");
        content.put("at", "2027-01-20T10:00");
        content.put("findings", "probe");
        content.put("message", "probe");
        content.put("cause", "COMPLAINT");
        content.put("criticality", "LOW");
        content.put("caseId", "G-3");
        content.put("incidentManager", "gil");
        content.put("submissionId", "csrf-probe");
        List<String> customerRoutes = new java.util.ArrayList<>(List.of("/portal/cases/C-1/escalate", "/logout"));
        for (String action :
                List.of("message", "confirm-plan", "propose-plan", "withdraw", "reopen", "decline-lessons")) {
            customerRoutes.add("/portal/escalations/" + acme.value() + "/" + action);
        }
        List<String> deskRoutes = new java.util.ArrayList<>(List.of("/desk/hotline", "/logout"));
        for (String action : List.of(
                "acknowledge",
                "plan",
                "propose-plan",
                "confirm-plan",
                "plan-alone",
                "progress",
                "participant",
                "resolve",
                "reopen",
                "schedule",
                "record",
                "close")) {
            deskRoutes.add("/desk/escalations/" + globex.value() + "/" + action);
        }
        for (Map.Entry<PortalSession, List<String>> who :
                Map.of(ina, customerRoutes, sam, deskRoutes).entrySet()) {
            for (String route : who.getValue()) {
                HttpResponse<String> without = who.getKey().postWithoutToken(route, content);
                Map<String, String> withForeign = new LinkedHashMap<>(content);
                withForeign.put("_csrf", foreignToken);
                HttpResponse<String> foreign = who.getKey().postWithoutToken(route, withForeign);
                for (HttpResponse<String> r : List.of(without, foreign)) {
                    assertThat(r.statusCode()).as("POST %s", route).isEqualTo(403);
                    noInternals(r);
                }
            }
        }
        assertThat(ina.get("/portal").statusCode()).as("still signed in").isEqualTo(200);
        assertThat(sam.get("/desk").statusCode()).as("still signed in").isEqualTo(200);
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void wrongMethodsUnknownRoutesAndUnreadableBodiesGetThePortalsPage() throws Exception {
        String before = stored();
        PortalSession ina = PortalSession.signIn(portal, "ina");
        String token = ina.csrfToken();
        String withdraw = "/portal/escalations/" + acme.value() + "/withdraw";
        Map<String, Integer> expected = new LinkedHashMap<>();
        expected.put("GET " + withdraw, 405);
        expected.put("PUT /portal/escalations/" + acme.value() + "?_csrf=" + token, 405);
        expected.put("DELETE /portal/escalations/" + acme.value() + "?_csrf=" + token, 405);
        expected.put("POST /portal/escalations/" + acme.value() + "/explode?_csrf=" + token, 404);
        expected.put("GET /portal/nowhere", 404);
        expected.put("GET /nowhere/..%2f..%2fetc%2fpasswd", 400);
        expected.put("GET /portal/escalations/%00", 400);
        expected.put("GET /portal/escalations/" + "x".repeat(20_000), 400); // beyond the header size
        for (Map.Entry<String, Integer> e : expected.entrySet()) {
            String[] call = e.getKey().split(" ", 2);
            HttpResponse<String> r = ina.send(call[0], call[1], call[0].equals("GET") ? null : "");
            assertThat(r.statusCode()).as(e.getKey()).isEqualTo(e.getValue());
            noInternals(r);
        }
        // bodies the portal cannot read: a bad percent-encoding, JSON, a broken multipart
        for (String[] body : new String[][] {
            {"application/x-www-form-urlencoded", "_csrf=" + token + "&reason=%zz%"},
            {"application/json", "{\"_csrf\": \"" + token + "\", \"reason\": "},
            {
                "multipart/form-data; boundary=xyz",
                "--xyz\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + token
            }
        }) {
            HttpResponse<String> r = ina.send("POST", withdraw, body[1], body[0]);
            assertThat(r.statusCode()).as("POST %s as %s", body[1], body[0]).isBetween(400, 499);
            noInternals(r);
        }
        // a body without a length (chunked) larger than the form limit
        HttpResponse<String> chunked = ina.sendChunked(
                withdraw, "_csrf=" + token + "&reason=" + "r".repeat(200_000), "application/x-www-form-urlencoded");
        assertThat(chunked.statusCode()).as("a chunked body beyond the limit").isBetween(400, 499);
        noInternals(chunked);
        assertThat(stored()).isEqualTo(before);
    }

    /**
     * The form limit ({@code portal.max-form-bytes}, 65,536 bytes) counts exactly: a body of the limit is read (the
     * withdrawal is refused for its too long reason, on the portal's page), one byte more is 413 (from the portal's
     * filter before anything reads the body, and from Tomcat's own limit of the same size behind it). Neither changes
     * anything.
     */
    @Test
    void aFormOfTheLimitIsReadAndOneByteMoreIsRefused() throws Exception {
        String before = stored();
        PortalSession ina = PortalSession.signIn(portal, "ina");
        String withdraw = "/portal/escalations/" + acme.value() + "/withdraw";
        String prefix = "_csrf=" + ina.csrfToken() + "&reason=";
        String atTheLimit = prefix + "r".repeat(65_536 - prefix.length());

        HttpResponse<String> read = ina.send("POST", withdraw, atTheLimit);
        HttpResponse<String> tooLarge = ina.send("POST", withdraw, atTheLimit + "r");

        assertThat(read.statusCode())
                .as("a body of the limit")
                .isNotEqualTo(413)
                .isBetween(200, 499);
        assertThat(read.body()).doesNotContain("data-status=\"413\"");
        assertThat(tooLarge.statusCode()).as("one byte more").isEqualTo(413);
        noInternals(read);
        noInternals(tooLarge);
        assertThat(stored()).isEqualTo(before);
    }

    /**
     * Multipart bodies beyond the container's multipart limits (a part larger than a file may be, sent without a
     * length; more parts than allowed) get a 4xx with the portal's page, like every other refused body, and change
     * nothing. Before, both were a 413 with an empty body and no content type: the error page failed to render.
     */
    @Test
    void multipartBodiesBeyondTheLimitsGetThePortalsPage() throws Exception {
        String before = stored();
        PortalSession ina = PortalSession.signIn(portal, "ina");
        String token = ina.csrfToken();
        String withdraw = "/portal/escalations/" + acme.value() + "/withdraw";
        String tokenPart = "--xyz\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + token + "\r\n";
        String bigFile = tokenPart
                + "--xyz\r\nContent-Disposition: form-data; name=\"reason\"; filename=\"r.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\n" + "r".repeat(2_000_000) + "\r\n--xyz--\r\n";
        StringBuilder manyParts = new StringBuilder(tokenPart);
        for (int i = 0; i < 50; i++) {
            manyParts
                    .append("--xyz\r\nContent-Disposition: form-data; name=\"p")
                    .append(i)
                    .append("\"\r\n\r\nv\r\n");
        }
        manyParts.append("--xyz--\r\n");
        Map<String, HttpResponse<String>> answers = new LinkedHashMap<>();
        answers.put(
                "a 2 MB file part, chunked", ina.sendChunked(withdraw, bigFile, "multipart/form-data; boundary=xyz"));
        answers.put("50 parts", ina.send("POST", withdraw, manyParts.toString(), "multipart/form-data; boundary=xyz"));
        for (Map.Entry<String, HttpResponse<String>> a : answers.entrySet()) {
            HttpResponse<String> r = a.getValue();
            assertThat(r.statusCode()).as(a.getKey()).isBetween(400, 499);
            assertThat(r.headers().firstValue("Content-Type"))
                    .as(a.getKey())
                    .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
            assertThat(r.body()).as(a.getKey()).contains("id=\"problem\"", "data-status=\"" + r.statusCode() + "\"");
            noInternals(r);
        }
        assertThat(stored()).isEqualTo(before);
    }

    /**
     * Personal data sent in forms (a message body, an e-mail address, a phone number) appears in no log line, whether
     * the request is accepted or refused, with every logger at INFO.
     */
    @Test
    void personalDataInFormsAppearsInNoLogLine() throws Exception {
        String email = "jane.probe@private.example";
        String phone = "+49 170 5550123";
        String body = "Jane's private note " + email + " " + phone;
        ch.qos.logback.classic.Logger root =
                (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ch.qos.logback.classic.LoggerContext logging = root.getLoggerContext();
        Map<String, ch.qos.logback.classic.Level> levels = new LinkedHashMap<>();
        for (String name :
                List.of(org.slf4j.Logger.ROOT_LOGGER_NAME, "dev.escalation", "org.springframework", "org.apache")) {
            levels.put(name, logging.getLogger(name).getLevel());
            logging.getLogger(name).setLevel(ch.qos.logback.classic.Level.INFO);
        }
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> lines =
                new ch.qos.logback.core.read.ListAppender<>();
        lines.start();
        root.addAppender(lines);
        try {
            PortalSession ina = PortalSession.signIn(portal, "ina");
            PortalSession gil = PortalSession.signIn(portal, "gil");
            PortalSession sam = PortalSession.signIn(portal, "sam");
            Map<String, String> escalate = new LinkedHashMap<>();
            escalate.put("message", body);
            escalate.put("cause", "COMPLAINT");
            escalate.put("criticality", "LOW");
            escalate.put("submissionId", "log-probe");
            assertThat(ina.post("/portal/cases/C-2/escalate", escalate).statusCode())
                    .isEqualTo(302);
            escalate.put("cause", email); // not a choice
            ina.post("/portal/cases/C-3/escalate", escalate);
            escalate.put("cause", "COMPLAINT");
            escalate.put("message", body + "x".repeat(5000)); // too long
            ina.post("/portal/cases/C-3/escalate", escalate);
            gil.post("/portal/escalations/" + acme.value() + "/message", Map.of("text", body));
            ina.post("/portal/escalations/" + acme.value() + "/message", Map.of("text", body));
            ina.post("/portal/escalations/" + acme.value() + "/withdraw", Map.of("reason", ""));
            sam.post(
                    "/desk/escalations/" + acme.value() + "/participant",
                    Map.of("who", "external", "displayName", body, "email", email));
            sam.post("/desk/escalations/" + acme.value() + "/acknowledge", Map.of("manager", email, "note", body));
            sam.post("/desk/hotline", Map.of("caseId", email, "incidentManager", phone, "message", body));
            ina.post("/portal/cases/" + email + "/escalate", Map.of("message", body));
            ina.get("/portal/escalations/" + email);
            engine.deliverPending();
        } finally {
            root.detachAppender(lines);
            levels.forEach((name, level) -> logging.getLogger(name).setLevel(level));
        }
        java.util.List<ch.qos.logback.classic.spi.ILoggingEvent> logged = PortalSession.logged(lines);
        assertThat(logged).as("the probes were logged at all").isNotEmpty();
        for (ch.qos.logback.classic.spi.ILoggingEvent line : logged) {
            StringBuilder text = new StringBuilder(line.getFormattedMessage());
            for (ch.qos.logback.classic.spi.IThrowableProxy t = line.getThrowableProxy(); t != null; t = t.getCause()) {
                text.append(" | ").append(t.getMessage());
            }
            text.append(" | ").append(line.getMDCPropertyMap());
            assertThat(text.toString())
                    .as("%s: %s", line.getLoggerName(), text)
                    .doesNotContain(email, phone, "Jane's private note", "jane.probe");
        }
    }

    /** A browser without {@link PortalSession}'s help: its own cookies, no redirects followed. */
    private static HttpClient browser(CookieManager cookies) {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    private static HttpResponse<String> postForm(HttpClient client, String path, String form)
            throws IOException, InterruptedException {
        return client.send(
                HttpRequest.newBuilder(portal.url(path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String sessionId(CookieManager cookies) {
        return cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals("JSESSIONID"))
                .map(HttpCookie::getValue)
                .findFirst()
                .orElseThrow();
    }

    /**
     * Signing in gives the session a new id (session fixation: an id planted in a victim's browser before sign-in is
     * not the signed-in session) and a new CSRF token: the token of the sign-in page is refused after sign-in (403),
     * and nothing changes.
     */
    @Test
    void signingInChangesTheSessionIdAndRefusesTheTokenOfBefore() throws Exception {
        String before = stored();
        CookieManager cookies = new CookieManager();
        HttpClient client = browser(cookies);
        HttpResponse<String> signInPage =
                client.send(HttpRequest.newBuilder(portal.url("/login")).build(), HttpResponse.BodyHandlers.ofString());
        Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(signInPage.body());
        assertThat(token.find()).as("the sign-in page's CSRF token").isTrue();
        String planted = sessionId(cookies);

        HttpResponse<String> signedIn =
                postForm(client, "/login", "username=ina&password=demo&_csrf=" + enc(token.group(1)));
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location")).hasValue("/");
        assertThat(sessionId(cookies)).as("the session id after sign-in").isNotEqualTo(planted);

        HttpResponse<String> stale = postForm(
                client, "/portal/escalations/" + acme.value() + "/message", "text=probe&_csrf=" + enc(token.group(1)));
        assertThat(stale.statusCode()).as("the token of before sign-in").isEqualTo(403);
        noInternals(stale);
        assertThat(stored()).isEqualTo(before);
    }

    /**
     * Method override tricks do not reach a state-changing route: a GET or HEAD carrying {@code _method=POST} or {@code
     * X-HTTP-Method-Override: POST} (what a link or image could send) is a 405, or the route's own form page where it
     * has one; a PUT, DELETE or PATCH carrying it is refused for its missing token (403); nothing changes.
     */
    @Test
    void methodOverridesReachNoStateChangingRoute() throws Exception {
        String before = stored();
        PortalSession ina = PortalSession.signIn(portal, "ina");
        PortalSession sam = PortalSession.signIn(portal, "sam");
        String[][] routes = {
            {"ina", "/portal/escalations/" + acme.value() + "/message?text=probe&_method=POST", "405"},
            {"ina", "/portal/escalations/" + acme.value() + "/withdraw?reason=probe&_method=POST", "405"},
            {"ina", "/portal/cases/C-1/escalate?summary=probe&cause=COMPLAINT&criticality=LOW&_method=POST", "200"},
            {"sam", "/desk/escalations/" + acme.value() + "/progress?text=probe&kind=NOTE&_method=POST", "405"},
            {"sam", "/desk/hotline?caseId=C-1&contact=ina&summary=probe&_method=POST", "200"},
        };
        for (String[] route : routes) {
            PortalSession who = route[0].equals("ina") ? ina : sam;
            for (String method : new String[] {"GET", "HEAD", "PUT", "DELETE", "PATCH"}) {
                HttpResponse<String> r = who.send(method, route[1], null, null, "X-HTTP-Method-Override", "POST");
                assertThat(r.statusCode())
                        .as("%s %s", method, route[1])
                        .isEqualTo(method.equals("GET") || method.equals("HEAD") ? Integer.parseInt(route[2]) : 403);
                noInternals(r);
            }
        }
        assertThat(stored()).isEqualTo(before);
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }
}
