package dev.escalation.examples.portal;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import dev.escalation.Actor;
import dev.escalation.EscalationEngine;
import dev.escalation.model.EscalationId;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The HTTP surfaces audit of the portal, without a browser: parameters that cannot be decoded, what a refusal writes
 * to the log, and the hotline intake's role check. Every logger runs at INFO while a probe is sent, and no line may
 * carry the personal data the probe sent.
 */
class PortalHttpSurfacesTest {
    /** Personal data a client may put anywhere in a request. */
    private static final String EMAIL = "jane.probe@private.example";

    private static Path data;
    private static TwoTenants tenants;
    private static RunningPortal portal;
    private static EscalationEngine engine;
    private static EscalationId acme;
    private static EscalationId globex;

    @BeforeAll
    static void start() throws IOException {
        TwoTenants t = TwoTenants.start("portal-surfaces-test", "Backups hang", "surfaces-acme");
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
                .doesNotContain("Exception", "\tat ", "java.", "dev.escalation.", "org.springframework", "org.apache")
                .doesNotContain("trace", "Tomcat", "/work/", data.toString(), EMAIL);
    }

    /**
     * The application's own answer with this status, not the container's: the portal's page, or Spring Boot's error
     * body (status and path only) for a client that accepts no HTML (the test's client sends no Accept header).
     */
    private static void portalPage(HttpResponse<String> response, int status) {
        assertThat(response.statusCode())
                .as("%s %s", response.request().method(), response.request().uri())
                .isEqualTo(status);
        assertThat(response.body())
                .as("%s %s", response.request().method(), response.request().uri())
                .satisfiesAnyOf(
                        b -> assertThat(b).contains("id=\"problem\"", "data-status=\"" + status + "\""),
                        b -> assertThat(b).startsWith("{").contains("\"status\":" + status));
        noInternals(response);
    }

    /** Runs the probes with every logger at INFO and returns the lines logged meanwhile. */
    private static List<ILoggingEvent> logged(Callable<?> probes) throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        LoggerContext logging = root.getLoggerContext();
        Map<String, Level> levels = new LinkedHashMap<>();
        for (String name :
                List.of(org.slf4j.Logger.ROOT_LOGGER_NAME, "dev.escalation", "org.springframework", "org.apache")) {
            levels.put(name, logging.getLogger(name).getLevel());
            logging.getLogger(name).setLevel(Level.INFO);
        }
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        root.addAppender(lines);
        try {
            probes.call();
        } finally {
            root.detachAppender(lines);
            levels.forEach((name, level) -> logging.getLogger(name).setLevel(level));
        }
        return PortalSession.logged(lines);
    }

    /** A log line as a reader of the log sees it: the message, its exceptions' messages and the MDC. */
    private static String text(ILoggingEvent line) {
        StringBuilder text =
                new StringBuilder(line.getLoggerName()).append(": ").append(line.getFormattedMessage());
        for (IThrowableProxy t = line.getThrowableProxy(); t != null; t = t.getCause()) {
            text.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
        }
        return text.append(" | ").append(line.getMDCPropertyMap()).toString();
    }

    /** The target of the page's language switch (the link to the other language), unescaped. */
    private static String languageSwitch(HttpResponse<String> page) {
        java.util.regex.Matcher link = java.util.regex.Pattern.compile("<a href=\"([^\"]*)\" id=\"lang-(?:en|de)\"")
                .matcher(page.body());
        assertThat(link.find())
                .as("a language switch on %s", page.request().uri())
                .isTrue();
        return org.springframework.web.util.HtmlUtils.htmlUnescape(link.group(1));
    }

    /**
     * A refused field reads in the reader's language. Before, a German page listed the engine's English rule ("must not
     * be blank") under the German title.
     */
    @Test
    void aRefusedFieldReadsInTheReadersLanguage() throws Exception {
        PortalSession ina = PortalSession.signIn(portal, "ina");
        String page = "/portal/escalations/" + acme.value();
        ina.get("/?lang=de");
        HttpResponse<String> german = ina.post(page + "/message", Map.of("text", " "));
        portalPage(german, 400);
        assertThat(german.body())
                .contains("data-code=\"text.NotBlank\"")
                .contains("darf nicht leer sein")
                .doesNotContain("must not be blank");
        ina.get("/?lang=en");
        HttpResponse<String> english = ina.post(page + "/message", Map.of("text", " "));
        portalPage(english, 400);
        assertThat(english.body()).contains("data-code=\"text.NotBlank\"").contains("must not be empty");
    }

    /**
     * The language switch of a page read with GET leads to the same page; that of an error page (whose own path,
     * {@code /error}, is a 404) and of the answer to a form (a path that takes no GET) leads to the start page, which
     * exists: before, both led to a 404 or a 405.
     */
    @Test
    void theLanguageSwitchLeadsToAPageThatExists() throws Exception {
        PortalSession ina = PortalSession.signIn(portal, "ina");
        String page = "/portal/escalations/" + acme.value();
        assertThat(languageSwitch(ina.get(page))).startsWith(page + "?lang=");

        HttpResponse<String> missing = ina.get("/portal/no-such-page");
        portalPage(missing, 404);
        HttpResponse<String> refused = ina.post(page + "/message", Map.of("text", " ")); // the engine refuses it
        portalPage(refused, 400);
        for (HttpResponse<String> error : List.of(missing, refused)) {
            String target = languageSwitch(error);
            assertThat(target).startsWith("/?lang=");
            assertThat(ina.get(target).statusCode())
                    .as("%s from the error page of %s", target, error.request().uri())
                    .isLessThan(400);
        }
    }

    /**
     * A query string or form whose values cannot be decoded (bytes that are not UTF-8, a broken percent-encoding) is
     * a 400 with the portal's page, for anyone, and logs nothing: before, the container's failure reached the page's
     * handler, which answered 400 but logged an ERROR with a stack trace quoting the value as sent.
     */
    @Test
    void parametersThatCannotBeDecodedAreA400AndLogNothing() throws Exception {
        String before = stored();
        PortalSession ina = PortalSession.signIn(portal, "ina");
        PortalSession sam = PortalSession.signIn(portal, "sam");
        String token = ina.csrfToken();
        String pd = EMAIL.replace("@", "%40");
        Map<String, HttpResponse<String>> responses = new LinkedHashMap<>();
        List<ILoggingEvent> lines = logged(() -> {
            PortalSession anonymous = PortalSession.anonymous(portal);
            responses.put("anonymous sign-in page", anonymous.get("/login?x=" + pd + "%C3%28"));
            responses.put("anonymous start page", anonymous.get("/?lang=" + pd + "%FF"));
            responses.put(
                    "escalation page", ina.get("/portal/escalations/" + acme.value() + "?done=" + pd + "%F0%28%8C%BC"));
            responses.put("receipt", ina.get("/portal/receipts/x?y=" + pd + "%C3%28"));
            responses.put("desk filter", sam.get("/desk?state=" + pd + "%ED%A0%80"));
            responses.put("desk escalation", sam.get("/desk/escalations/" + globex.value() + "?done=" + pd + "%C0%AF"));
            responses.put(
                    "message form",
                    ina.send(
                            "POST",
                            "/portal/escalations/" + acme.value() + "/message",
                            "_csrf=" + token + "&text=" + pd + "%C3%28"));
            responses.put(
                    "message form, token last",
                    ina.send(
                            "POST",
                            "/portal/escalations/" + acme.value() + "/message",
                            "text=" + pd + "%zz&_csrf=" + token));
            return null;
        });
        for (ILoggingEvent line : lines) {
            assertThat(text(line)).as(text(line)).doesNotContain(EMAIL, "jane.probe");
            assertThat(line.getLevel().isGreaterOrEqual(Level.WARN))
                    .as("a client's bad request logged as %s: %s", line.getLevel(), text(line))
                    .isFalse();
        }
        responses.forEach((probe, r) -> portalPage(r, 400));
        assertThat(stored()).isEqualTo(before);

        // text that decodes still arrives as it was written: the form is decoded as UTF-8
        String written = "Grüße aus Köln ✓ — 東京";
        Map<String, String> escalate = new LinkedHashMap<>();
        escalate.put("message", written);
        escalate.put("cause", "COMPLAINT");
        escalate.put("criticality", "LOW");
        escalate.put("submissionId", "surfaces-utf8");
        HttpResponse<String> escalated = ina.post("/portal/cases/C-2/escalate", escalate);
        assertThat(escalated.statusCode()).isEqualTo(302);
        EscalationId raised = engine.openEscalationOfCase(Actor.contact("ina"), dev.escalation.model.CaseId.of("C-2"))
                .orElseThrow()
                .id();
        assertThat(engine.find(Actor.contact("ina"), raised).orElseThrow().message())
                .isEqualTo(written);
        assertThat(ina.get("/portal/escalations/" + raised.value()).body()).contains(written);
        assertThat(sam.get("/desk?state=ACKNOWLEDGED&criticality=HIGH").statusCode())
                .isEqualTo(200);
    }

    /**
     * A textarea filled to its {@code maxlength} is accepted with its line breaks. A browser counts a line break as one
     * character against {@code maxlength} and sends it as CR LF (HTML's form encoding), so a message the page let the
     * customer type in full arrived one character longer per line than the engine's rule allows, and was refused as
     * too long. The portal takes the form's CR LF for the line break it is (LF), as the browser counted it.
     */
    @Test
    void aTextareaFilledToItsMaxlengthIsAcceptedWithTheLineBreaksABrowserSends() throws Exception {
        PortalSession ina = PortalSession.signIn(portal, "ina");
        Matcher maxlength = Pattern.compile("<textarea id=\"message\"[^>]* maxlength=\"(\\d+)\"")
                .matcher(ina.get("/portal/cases/C-3/escalate").body());
        assertThat(maxlength.find())
                .as("the message's textarea and its maxlength")
                .isTrue();
        int max = Integer.parseInt(maxlength.group(1));
        String lines = "Nightly load fails again\n".repeat(max / 50);
        String typed = lines + "x".repeat(max - lines.length()); // what the browser counts: exactly maxlength
        Map<String, String> escalate = new LinkedHashMap<>();
        escalate.put("message", typed.replace("\n", "\r\n")); // what it sends
        escalate.put("cause", "COMPLAINT");
        escalate.put("criticality", "LOW");
        escalate.put("submissionId", "surfaces-lines");

        HttpResponse<String> escalated = ina.post("/portal/cases/C-3/escalate", escalate);

        assertThat(escalated.statusCode()).as(escalated.body()).isEqualTo(302);
        EscalationId raised = engine.openEscalationOfCase(Actor.contact("ina"), dev.escalation.model.CaseId.of("C-3"))
                .orElseThrow()
                .id();
        assertThat(engine.find(Actor.contact("ina"), raised).orElseThrow().message())
                .isEqualTo(typed);
    }

    /**
     * A refusal's log line names the route and the engine's code, never the path as sent: an id in the path is
     * whatever the client put there (an e-mail address here). Before, the raw request URI was logged.
     */
    @Test
    void aRefusalIsLoggedByItsRouteNotByThePathSent() throws Exception {
        PortalSession ina = PortalSession.signIn(portal, "ina");
        PortalSession sam = PortalSession.signIn(portal, "sam");
        String before = stored();
        List<ILoggingEvent> lines = logged(() -> {
            assertThat(ina.post("/portal/escalations/" + EMAIL + "/message", Map.of("text", "hello"))
                            .statusCode())
                    .isEqualTo(404);
            assertThat(ina.post("/portal/escalations/" + EMAIL + "/withdraw", Map.of("reason", ""))
                            .statusCode())
                    .isBetween(400, 404);
            assertThat(sam.post("/desk/escalations/" + EMAIL + "/progress", Map.of("kind", "NOTE", "text", "hello"))
                            .statusCode())
                    .isEqualTo(404);
            assertThat(sam.get("/desk/escalations/" + EMAIL + "/audit.jsonl").statusCode())
                    .isEqualTo(404);
            return null;
        });
        assertThat(stored()).isEqualTo(before);
        List<String> refusals = lines.stream()
                .map(PortalHttpSurfacesTest::text)
                .filter(l -> l.contains("refused"))
                .toList();
        assertThat(refusals)
                .as("the refusals were logged")
                .anySatisfy(l -> assertThat(l).contains("POST /portal/escalations/{id}/message refused: NOT_FOUND"))
                .anySatisfy(l -> assertThat(l).contains("POST /desk/escalations/{id}/progress refused: NOT_FOUND"))
                .anySatisfy(l -> assertThat(l).contains("GET /desk/escalations/{id}/audit.jsonl refused: NOT_FOUND"));
        for (ILoggingEvent line : lines) {
            assertThat(text(line)).as(text(line)).doesNotContain(EMAIL, "jane.probe");
        }
    }

    /**
     * The hotline intake's form lists every customer's cases and Incident Managers; it is for those who may record a
     * call (Support Management, Head of Support) only: an Escalation Manager and a support engineer get the 403 page
     * with nothing of it, and the desk offers them no button. Before, both read the whole form (its submit was
     * refused by the engine).
     */
    @Test
    void theHotlineIntakeIsForSupportManagementOnly() throws Exception {
        String before = stored();
        for (String user : List.of("dan", "eve")) {
            PortalSession who = PortalSession.signIn(portal, user);
            HttpResponse<String> form = who.get("/desk/hotline");
            portalPage(form, 403);
            String shown = PortalSession.withoutCsrfTokens(form.body());
            assertThat(shown)
                    .as("%s: the sign-out form's token is left out of the check, the form kept", user)
                    .contains("name=\"_csrf\" value=\"\"")
                    .doesNotContainPattern("name=\"_csrf\" value=\"[^\"]+\"");
            assertThat(shown)
                    .as(user)
                    .doesNotContain("Gil Globex", "Ina Incident", "G-2", "Mobile app crashes", "C-4", "hotline-form");
            assertThat(PortalSession.withoutCsrfTokens(who.get("/desk").body()))
                    .as(user)
                    .doesNotContain("hotline-intake", "/desk/hotline");
            Map<String, String> call = new LinkedHashMap<>();
            call.put("caseId", "G-3");
            call.put("incidentManager", "gil");
            call.put("message", "probe call");
            call.put("cause", "COMPLAINT");
            call.put("criticality", "LOW");
            call.put("submissionId", "surfaces-" + user);
            HttpResponse<String> submitted = who.post("/desk/hotline", call);
            assertThat(submitted.statusCode()).as(user).isEqualTo(403);
            noInternals(submitted);
        }
        assertThat(stored()).isEqualTo(before);
        PortalSession sam = PortalSession.signIn(portal, "sam");
        HttpResponse<String> form = sam.get("/desk/hotline");
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains("hotline-form", "Gil Globex", "G-2");
        assertThat(sam.get("/desk").body()).contains("hotline-intake");
        PortalSession ina = PortalSession.signIn(portal, "ina");
        assertThat(ina.get("/desk/hotline").statusCode()).isEqualTo(403);
    }

    /**
     * A client that accepts JSON and no HTML gets every error as JSON with the status the page has: the engine's
     * refusals (another customer's escalation, a contact without the role, a form value that is no choice) as an RFC
     * 9457 problem with the engine's code, Spring Boot's errors (a missing page, a wrong method, a missing CSRF token)
     * as its error body; another customer's escalation exactly like a missing one; no exception's text, no trace. A
     * browser gets the portal's page for the same requests. Before, the refusals were HTML whatever the client asked.
     */
    @Test
    void errorsAreJsonForAJsonClientAndThePageForABrowser() throws Exception {
        String before = stored();
        String acmePath = "/portal/escalations/" + acme.value();
        for (String accept : List.of("application/json", "application/problem+json", "text/html", BROWSER)) {
            boolean json = accept.contains("json");
            PortalSession gil = PortalSession.signIn(portal, "gil").accepting(accept);
            PortalSession tom = PortalSession.signIn(portal, "tom").accepting(accept);
            PortalSession sam = PortalSession.signIn(portal, "sam").accepting(accept);
            Map<String, String> bad = new LinkedHashMap<>();
            bad.put("caseId", "G-3");
            bad.put("incidentManager", "gil");
            bad.put("message", "probe call");
            bad.put("cause", "COMPLAINT");
            bad.put("criticality", "BOGUS");
            Map<String, Integer> expected = new LinkedHashMap<>();
            Map<String, HttpResponse<String>> answers = new LinkedHashMap<>();
            answers.put("refused: another customer's", gil.post(acmePath + "/withdraw", Map.of("reason", "x")));
            expected.put("refused: another customer's", 404);
            answers.put("refused: missing", gil.post("/portal/escalations/E-404/withdraw", Map.of("reason", "x")));
            expected.put("refused: missing", 404);
            answers.put("refused: not the role", tom.post(acmePath + "/withdraw", Map.of("reason", "x")));
            expected.put("refused: not the role", 403);
            answers.put("refused: no choice", sam.post("/desk/hotline", bad));
            expected.put("refused: no choice", 400);
            Map<String, String> escalate = new LinkedHashMap<>();
            escalate.put("message", "probe");
            escalate.put("cause", "COMPLAINT");
            escalate.put("criticality", "BOGUS");
            answers.put("refused: escalate form", gil.post("/portal/cases/G-2/escalate", escalate));
            expected.put("refused: escalate form", 400);
            answers.put("spring: missing page", gil.get(acmePath));
            expected.put("spring: missing page", 404);
            answers.put("spring: wrong method", gil.get("/portal/escalations/E-404/withdraw"));
            expected.put("spring: wrong method", 405);
            answers.put("spring: no token", gil.postWithoutToken(acmePath + "/withdraw", Map.of("reason", "x")));
            expected.put("spring: no token", 403);
            for (Map.Entry<String, HttpResponse<String>> a : answers.entrySet()) {
                HttpResponse<String> r = a.getValue();
                String what = accept + " " + a.getKey();
                assertThat(r.statusCode()).as(what).isEqualTo(expected.get(a.getKey()));
                noInternals(r);
                String type = r.headers().firstValue("Content-Type").orElse("");
                if (json) {
                    assertThat(type).as(what).contains("json");
                    assertThat(r.body())
                            .as(what)
                            .startsWith("{")
                            .contains("\"status\":" + r.statusCode())
                            .doesNotContain("\"trace\"", "\"exception\"", "\"message\"", "\"errors\"");
                    if (a.getKey().startsWith("refused")) {
                        assertThat(r.body()).as(what).contains("\"code\":\"", "\"title\":\"", "\"detail\":\"");
                    }
                } else {
                    assertThat(type).as(what).startsWith("text/html");
                    assertThat(r.body()).as(what).contains("id=\"problem\"");
                }
            }
            // the same answer but for the id and the form's CSRF token (a new mask on every page)
            String csrf = "name=\"_csrf\" value=\"[^\"]*\"";
            assertThat(answers.get("refused: another customer's")
                            .body()
                            .replace(acme.value(), "ID")
                            .replaceAll(csrf, "_csrf"))
                    .as(accept)
                    .isEqualTo(answers.get("refused: missing")
                            .body()
                            .replace("E-404", "ID")
                            .replaceAll(csrf, "_csrf"));
            if (json) {
                assertThat(answers.get("refused: no choice").body()).contains("\"field\":\"criticality\"");
            }
        }
        assertThat(stored()).isEqualTo(before);
    }

    /**
     * A JSON client gets every error Spring Boot handles (a missing page, a wrong method, a missing CSRF token, a form
     * too large, parameters that cannot be decoded) as {@code application/json} with its status, whatever JSON type
     * and parameters its {@code Accept} header names. Before, the answer took the client's media type as its
     * {@code Content-Type}, parameters as sent ({@code application/json;probe="<b>x</b>"}, {@code
     * application/vnd.probe+json}), and a charset the converter cannot write ({@code charset=UTF-16}) turned each of
     * these errors into a 406 with an empty body and no {@code Content-Type}.
     */
    @Test
    void aJsonErrorIsApplicationJsonWhateverJsonTheClientNames() throws Exception {
        String before = stored();
        String acmePath = "/portal/escalations/" + acme.value();
        for (String accept : List.of(
                "application/json;charset=UTF-16",
                "application/problem+json;charset=UTF-32",
                "application/vnd.probe+json",
                "application/json;probe=\"<b>x</b>\"")) {
            PortalSession gil = PortalSession.signIn(portal, "gil").accepting(accept);
            Map<String, HttpResponse<String>> answers = new LinkedHashMap<>();
            Map<String, Integer> expected = new LinkedHashMap<>();
            answers.put("missing page", gil.get(acmePath));
            expected.put("missing page", 404);
            answers.put("wrong method", gil.get(acmePath + "/withdraw"));
            expected.put("wrong method", 405);
            answers.put("no token", gil.postWithoutToken(acmePath + "/withdraw", Map.of("reason", "x")));
            expected.put("no token", 403);
            answers.put("too large", gil.send("POST", acmePath + "/withdraw", "reason=" + "r".repeat(70_000)));
            expected.put("too large", 413);
            answers.put("undecodable", gil.get("/portal?reason=%ff"));
            expected.put("undecodable", 400);
            for (Map.Entry<String, HttpResponse<String>> a : answers.entrySet()) {
                HttpResponse<String> r = a.getValue();
                String what = accept + " " + a.getKey();
                assertThat(r.statusCode()).as(what).isEqualTo(expected.get(a.getKey()));
                assertThat(r.headers().firstValue("Content-Type"))
                        .as(what)
                        .hasValueSatisfying(type -> assertThat(type).matches("application/json(;charset=UTF-8)?"));
                assertThat(r.body())
                        .as(what)
                        .startsWith("{")
                        .contains("\"status\":" + r.statusCode())
                        .doesNotContain("\"trace\"", "\"exception\"", "\"message\"");
                noInternals(r);
            }
        }
        assertThat(stored()).isEqualTo(before);
    }

    /**
     * Spring Boot's error path asked for directly has no error to show: it is a 404 like any other path that is no
     * page, for anyone and any method; before, it answered 500, as if the portal had failed.
     */
    @Test
    void theErrorPathItselfIsNotFound() throws Exception {
        PortalSession nobody = PortalSession.anonymous(portal).accepting(BROWSER);
        PortalSession ina = PortalSession.signIn(portal, "ina").accepting(BROWSER);
        PortalSession sam = PortalSession.signIn(portal, "sam");
        for (PortalSession who : List.of(nobody, ina, sam)) {
            for (String path : List.of("/error", "/error/", "/error/500", "/error?status=500")) {
                portalPage(who.get(path), 404);
            }
        }
        portalPage(ina.post("/error", Map.of("x", "y")), 404);
        assertThat(ina.get("/portal/escalations/E-404").statusCode()).isEqualTo(404);
        portalPage(ina.get("/portal/escalations/" + acme.value() + "/withdraw"), 405);
    }

    /** What a browser sends for a page. */
    private static final String BROWSER =
            "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";
}
