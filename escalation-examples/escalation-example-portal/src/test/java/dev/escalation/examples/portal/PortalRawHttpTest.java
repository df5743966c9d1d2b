package dev.escalation.examples.portal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.model.EscalationId;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The portal's answers to requests an HTTP client will not send, written byte for byte over a socket ({@link RawHttp}):
 * a path with {@code NUL}, control characters, a bad percent-encoding, {@code ..} or characters a path may not have,
 * a request line or headers too large, a bad {@code Host}, an unknown HTTP version or method, {@code TRACE}, a body
 * too large. Whether Tomcat refuses the request before Spring runs, Spring Security's firewall rejects it, or a page
 * refuses it, every error is answered with a sensible status, the same security headers as the portal's pages, and a
 * body without internals or the request's text; and by one rule: JSON only for a client whose {@code Accept} names
 * JSON and no HTML, else the portal's page, also for a client without an {@code Accept} header.
 */
class PortalRawHttpTest {
    /** Text a probe puts in its path or a header: no answer may carry it. */
    private static final String MARKER = "probe-7f3a";

    /** The security headers of the portal's pages. */
    private static final List<String> SECURITY_HEADERS = List.of(
            "Content-Security-Policy",
            "X-Content-Type-Options",
            "X-Frame-Options",
            "Referrer-Policy",
            "Cache-Control",
            "Pragma",
            "Expires");

    private static TwoTenants tenants;
    private static RunningPortal portal;
    private static URI server;
    private static EscalationId acme;
    private static Map<String, String> pageHeaders;

    @BeforeAll
    static void start() throws IOException {
        tenants = TwoTenants.start("portal-raw-http-test", "Backups hang", "raw-acme");
        portal = tenants.portal();
        acme = tenants.acme();
        server = portal.url("/");
        RawHttp.Answer login = RawHttp.send(server, RawHttp.request("GET /login HTTP/1.1"));
        assertThat(login.status()).isEqualTo(200);
        pageHeaders = new LinkedHashMap<>();
        for (String name : SECURITY_HEADERS) {
            pageHeaders.put(name, login.header(name));
        }
        // what the pages have, so that "the same headers" means something
        assertThat(pageHeaders.get("Content-Security-Policy")).contains("default-src 'self'", "frame-ancestors 'none'");
        assertThat(pageHeaders.get("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(pageHeaders.get("X-Frame-Options")).isEqualTo("DENY");
        assertThat(pageHeaders.get("Referrer-Policy")).isEqualTo("same-origin");
        assertThat(pageHeaders.get("Cache-Control")).contains("no-store");
    }

    @AfterAll
    static void stop() {
        if (portal != null) {
            portal.close();
        }
    }

    /** The pages' security headers, each once, and no server name. */
    private static void secured(String what, RawHttp.Answer a) {
        for (String name : SECURITY_HEADERS) {
            assertThat(a.header(name)).as("%s: %s", what, name).isEqualTo(pageHeaders.get(name));
            assertThat(a.count(name)).as("%s: %s once", what, name).isEqualTo(1);
        }
        assertThat(a.header("Server")).as(what).isNull();
        assertThat(a.header("X-Powered-By")).as(what).isNull();
    }

    private static void noInternals(String what, RawHttp.Answer a) {
        assertThat(PortalSession.withoutCsrfTokens(a.body()))
                .as(what)
                .doesNotContain("Exception", "\tat ", "java.", "jakarta.", "dev.escalation.", "org.springframework")
                .doesNotContain("org.apache", "Tomcat", "Apache", "trace", "Invalid URI", MARKER);
    }

    /** The portal's page with this status. */
    private static void page(String what, RawHttp.Answer a, int status) {
        assertThat(a.status()).as(what).isEqualTo(status);
        assertThat(a.header("Content-Type")).as(what).startsWith("text/html");
        assertThat(a.body()).as(what).contains("id=\"problem\"", "data-status=\"" + status + "\"");
        noInternals(what, a);
    }

    /** A JSON error body with this status. */
    private static void json(String what, RawHttp.Answer a, int status) {
        assertThat(a.status()).as(what).isEqualTo(status);
        assertThat(a.header("Content-Type")).as(what).contains("json");
        assertThat(a.body())
                .as(what)
                .startsWith("{")
                .contains("\"status\":" + status)
                .doesNotContain("\"trace\"", "\"exception\"", "\"message\"");
        noInternals(what, a);
    }

    /** Requests Tomcat refuses in the path, after it read the headers, and the status it refuses each with. */
    private static Map<String, Integer> refusedInThePath() {
        Map<String, Integer> r = new LinkedHashMap<>();
        r.put("GET /" + MARKER + "/%00 HTTP/1.1", 400); // NUL, percent-encoded
        r.put("GET /" + MARKER + "/%zz HTTP/1.1", 400);
        r.put("GET /" + MARKER + "/% HTTP/1.1", 400);
        r.put("GET /../" + MARKER + " HTTP/1.1", 400);
        r.put("GET /%2e%2e/" + MARKER + " HTTP/1.1", 400);
        r.put("GET /" + MARKER + "/..%2f..%2fetc%2fpasswd HTTP/1.1", 400);
        r.put("GET /" + MARKER + "%5c..%5cx HTTP/1.1", 400);
        r.put("GET " + MARKER + " HTTP/1.1", 400); // no leading slash
        r.put("GET / HTTP/1.2", 505);
        return r;
    }

    /** Requests whose request line Tomcat cannot read: it reads no header of theirs, Accept included. */
    private static Map<String, Integer> refusedInTheRequestLine() {
        Map<String, Integer> r = new LinkedHashMap<>();
        r.put("GET /" + MARKER + "/\u0000 HTTP/1.1", 400); // NUL as it is
        r.put("GET /" + MARKER + "/\u0001x HTTP/1.1", 400); // a control character
        r.put("GET /" + MARKER + "/<script> HTTP/1.1", 400);
        r.put("GET /" + MARKER + "/{x}|y HTTP/1.1", 400);
        r.put("GET / FOO/1.1", 400);
        return r;
    }

    /**
     * Tomcat's own refusals: before, Tomcat's plain page (HTML whatever the client accepts) without any of the
     * portal's security headers; now the portal's page, or JSON for a JSON client, with them.
     */
    @Test
    void requestsTomcatRefusesGetThePortalsAnswerAndHeaders() throws Exception {
        String before = tenants.stored();
        Map<String, Integer> refused = new LinkedHashMap<>(refusedInThePath());
        refused.putAll(refusedInTheRequestLine());
        for (Map.Entry<String, Integer> e : refused.entrySet()) {
            String what = e.getKey().replaceAll("\\p{Cntrl}", "?");
            RawHttp.Answer asPage = RawHttp.send(server, RawHttp.request(e.getKey(), "X-Probe: <b>" + MARKER));
            page(what, asPage, e.getValue());
            secured(what, asPage);
            RawHttp.Answer asJson = RawHttp.send(server, RawHttp.request(e.getKey(), "Accept: application/json"));
            if (refusedInThePath().containsKey(e.getKey())) {
                json(what + " (JSON client)", asJson, e.getValue());
            } else {
                page(what + " (JSON client: its Accept header was not read)", asJson, e.getValue());
            }
            secured(what + " (JSON client)", asJson);
        }
        Map<String, String> other = new LinkedHashMap<>();
        other.put("request line too long", RawHttp.request("GET /" + "x".repeat(20_000) + " HTTP/1.1"));
        other.put("a header too large", RawHttp.request("GET / HTTP/1.1", "X-Big: " + "x".repeat(20_000)));
        other.put("a header without a name", RawHttp.request("GET / HTTP/1.1", "Bad Header: x"));
        other.put("a bad Host", "GET / HTTP/1.1\r\nHost: a b\r\nConnection: close\r\n\r\n");
        other.put("two Hosts", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\nConnection: close\r\n\r\n");
        other.put("no Host", "GET / HTTP/1.1\r\nConnection: close\r\n\r\n");
        other.put("a transfer coding Tomcat lacks", RawHttp.request("POST /login HTTP/1.1", "Transfer-Encoding: x"));
        other.put(
                "an unknown expectation",
                RawHttp.request("POST /login HTTP/1.1", "Expect: 100-x", "Content-Length: 0"));
        Map<String, List<Integer>> statuses = Map.of(
                "request line too long", List.of(400, 414),
                "a header too large", List.of(400, 431),
                "a transfer coding Tomcat lacks", List.of(501),
                "an unknown expectation", List.of(417));
        for (Map.Entry<String, String> e : other.entrySet()) {
            RawHttp.Answer a = RawHttp.send(server, e.getValue());
            assertThat(a.status()).as(e.getKey()).isIn(statuses.getOrDefault(e.getKey(), List.of(400)));
            page(e.getKey(), a, a.status());
            secured(e.getKey(), a);
        }
        assertThat(tenants.stored()).isEqualTo(before);
    }

    /**
     * Errors raised before Spring Security's header writer runs (or without it): Tomcat's 405 for {@code TRACE}, the
     * firewall's 400 for an unknown method or a path parameter, the form limit's 413, parameters that cannot be
     * decoded, the error path asked for directly. Before, all of them without the security headers.
     */
    @Test
    void errorsRaisedBeforeSpringSecurityHaveTheHeadersToo() throws Exception {
        Map<String, Integer> probes = new LinkedHashMap<>();
        probes.put(RawHttp.request("TRACE / HTTP/1.1", "X-Probe: <b>" + MARKER), 405);
        probes.put(RawHttp.request("TRACE /login HTTP/1.1", "X-Probe: <b>" + MARKER), 405);
        probes.put(RawHttp.request(MARKER.toUpperCase().replace("-", "") + " / HTTP/1.1"), 400);
        probes.put(RawHttp.request("GET /login;jsessionid=" + MARKER + " HTTP/1.1"), 400);
        probes.put(RawHttp.request("GET /portal.css/..;/" + MARKER + " HTTP/1.1"), 400);
        probes.put(RawHttp.request("GET /login?x=%zz" + MARKER + " HTTP/1.1"), 400);
        probes.put(RawHttp.request("GET /error HTTP/1.1"), 404);
        probes.put(RawHttp.request("GET /" + MARKER + " HTTP/1.1"), 404);
        probes.put(
                RawHttp.request(
                        "POST /login HTTP/1.1",
                        "Content-Type: application/x-www-form-urlencoded",
                        "Content-Length: 99999999"),
                413);
        for (Map.Entry<String, Integer> e : probes.entrySet()) {
            String what = e.getKey().lines().findFirst().orElseThrow();
            RawHttp.Answer a = RawHttp.send(server, e.getKey());
            page(what, a, e.getValue());
            secured(what, a);
        }
        // OPTIONS answers which methods a path has, with the headers and no body
        RawHttp.Answer options = RawHttp.send(server, RawHttp.request("OPTIONS /login HTTP/1.1"));
        assertThat(options.status()).isEqualTo(200);
        assertThat(options.header("Allow")).doesNotContain("TRACE");
        assertThat(options.body()).isEmpty();
        secured("OPTIONS /login", options);
        RawHttp.Answer server = RawHttp.send(PortalRawHttpTest.server, RawHttp.request("OPTIONS * HTTP/1.1"));
        assertThat(server.status()).isEqualTo(200);
        assertThat(server.header("Allow")).doesNotContain("TRACE");
        assertThat(server.body()).isEmpty();
    }

    /**
     * One rule for every error, whoever raises it (Tomcat, Spring, the engine): JSON only when the Accept header names
     * JSON and no HTML; no Accept header, {@code *}{@code /*}, HTML or anything else: the portal's page. Before, a
     * client without an Accept header got Spring's JSON for a missing page or a wrong method, but the page for the
     * engine's refusals and Tomcat's own.
     */
    @Test
    void oneRuleForEveryErrorWhateverTheClientAccepts() throws Exception {
        String before = tenants.stored();
        PortalSession gil = PortalSession.signIn(portal, "gil");
        String withdraw = "/portal/escalations/" + acme.value() + "/withdraw";
        for (String accept : new String[] {null, "*/*", "text/html", "image/png", "application/json"}) {
            boolean wantsJson = accept != null && accept.contains("json");
            String header = accept == null ? "X-None: x" : "Accept: " + accept;
            Map<String, RawHttp.Answer> answers = new LinkedHashMap<>();
            answers.put("tomcat: NUL", RawHttp.send(server, RawHttp.request("GET /x/%00 HTTP/1.1", header)));
            answers.put("spring: missing page", RawHttp.send(server, RawHttp.request("GET /nowhere HTTP/1.1", header)));
            answers.put("spring: TRACE", RawHttp.send(server, RawHttp.request("TRACE /login HTTP/1.1", header)));
            answers.put("spring: firewall", RawHttp.send(server, RawHttp.request("GET /x;y=z HTTP/1.1", header)));
            Map<String, Integer> status = Map.of(
                    "tomcat: NUL", 400, "spring: missing page", 404, "spring: TRACE", 405, "spring: firewall", 400);
            for (Map.Entry<String, RawHttp.Answer> a : answers.entrySet()) {
                String what = accept + " " + a.getKey();
                if (wantsJson) {
                    json(what, a.getValue(), status.get(a.getKey()));
                } else {
                    page(what, a.getValue(), status.get(a.getKey()));
                }
                secured(what, a.getValue());
            }
            // the engine's refusal (another customer's escalation) by the same rule
            HttpResponse<String> refused = gil.accepting(accept).post(withdraw, Map.of("reason", "probe"));
            assertThat(refused.request().headers().firstValue("Accept"))
                    .isEqualTo(java.util.Optional.ofNullable(accept));
            assertThat(refused.statusCode()).as(accept).isEqualTo(404);
            assertThat(refused.headers().firstValue("Content-Type").orElse(""))
                    .as(accept)
                    .contains(wantsJson ? "json" : "text/html");
        }
        assertThat(tenants.stored()).isEqualTo(before);
    }

    /**
     * What has no status line and no headers (an HTTP/0.9 request, a request line of garbage, which Tomcat reads as
     * one): an empty answer or the portal's page, never internals.
     */
    @Test
    void http09AndGarbageGetNothingOrThePage() throws Exception {
        RawHttp.Answer http09 = RawHttp.send(server, "GET /" + MARKER + "\r\n\r\n");
        assertThat(http09.status()).isZero();
        noInternals("HTTP/0.9", http09);
        RawHttp.Answer garbage = RawHttp.send(server, "\u0001\u0002" + MARKER + "\r\n\r\n");
        noInternals("garbage", garbage);
        assertThat(garbage.body()).contains("id=\"problem\"", "data-status=\"400\"");
    }

    /**
     * The sign-in page's language follows the browser's {@code Accept-Language} by its weights: German where the
     * client prefers German to English, else English: also where it refuses German ({@code q=0}), names neither
     * language, or sends a header that cannot be parsed or is 3,000 characters long.
     */
    @Test
    void theBrowsersLanguageIsChosenByItsWeights() throws Exception {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put(null, "en");
        expected.put("de", "de");
        expected.put("de-CH, de;q=0.9", "de");
        expected.put("en;q=0.1, de;q=0.9", "de");
        expected.put("fr-FR, de;q=0.5, en;q=0.3", "de");
        expected.put("fr-FR, en;q=0.5, de;q=0.3", "en");
        expected.put("en-GB, de", "en");
        expected.put("fr", "en");
        expected.put("del", "en");
        expected.put("%%%;q=abc,,;q=", "en");
        expected.put("de;q=0", "en");
        expected.put("de;q=0, en;q=0.1", "en");
        expected.put("DE-de", "de");
        expected.put("*", "en");
        expected.put("x".repeat(3000), "en");
        for (Map.Entry<String, String> e : expected.entrySet()) {
            String header = e.getKey() == null ? "X-None: x" : "Accept-Language: " + e.getKey();
            RawHttp.Answer page = RawHttp.send(server, RawHttp.request("GET /login HTTP/1.1", header));
            assertThat(page.status()).as(header).isEqualTo(200);
            assertThat(page.body()).as(header).contains("<html lang=\"" + e.getValue() + "\">");
        }
    }
    /**
     * A redirect names no host: the {@code Location} of the sign-in redirect, of the home page's redirect and of a
     * sign-in, failed or not, is a path, whatever {@code Host} (or {@code X-Forwarded-Host}) the request names. Before, the sign-in
     * redirect and the home page's were absolute URLs made from the request's {@code Host}, so a request naming
     * {@code evil.example} was sent there (harmful where a shared cache keeps the answer).
     */
    @Test
    void redirectsNameNoHostFromTheRequest() throws Exception {
        Map<String, String> redirects = new LinkedHashMap<>();
        redirects.put("the sign-in redirect of a portal page", "GET /portal HTTP/1.1");
        redirects.put("the sign-in redirect of a desk page", "GET /desk/escalations/E-1 HTTP/1.1");
        redirects.put("the home page's redirect", "GET / HTTP/1.1");
        for (Map.Entry<String, String> r : redirects.entrySet()) {
            for (String host : List.of("Host: evil.example", "Host: evil.example:8443")) {
                String request = r.getValue() + "\r\n" + host + "\r\nX-Forwarded-Host: other.example\r\n"
                        + "Connection: close\r\n\r\n";
                RawHttp.Answer a = RawHttp.send(server, request);
                String what = r.getKey() + " with " + host;
                assertThat(a.status()).as(what).isEqualTo(302);
                assertThat(a.header("Location")).as(what).isEqualTo("/login");
            }
        }
        assertThat(signInFrom("evil.example", "wrong").header("Location"))
                .as("a failed sign-in")
                .isEqualTo("/login?error");
        assertThat(signInFrom("evil.example", SecurityConfiguration.DEMO_PASSWORD)
                        .header("Location"))
                .as("a sign-in")
                .isEqualTo("/");
    }

    /** Ina's sign-in with this password, posted with a session and its CSRF token, naming {@code host}. */
    private static RawHttp.Answer signInFrom(String host, String password) throws IOException {
        RawHttp.Answer form = RawHttp.send(server, RawHttp.request("GET /login HTTP/1.1"));
        String cookie = form.header("Set-Cookie").split(";", 2)[0];
        java.util.regex.Matcher token = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"")
                .matcher(form.body());
        assertThat(token.find()).as("the sign-in form's CSRF token").isTrue();
        String body = "username=ina&password=" + password + "&_csrf="
                + java.net.URLEncoder.encode(token.group(1), java.nio.charset.StandardCharsets.UTF_8);
        RawHttp.Answer a = RawHttp.send(
                server,
                "POST /login HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\nCookie: " + cookie
                        + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length()
                        + "\r\n\r\n" + body);
        assertThat(a.status()).as("sign-in with %s", password).isEqualTo(302);
        return a;
    }
}
