package dev.escalation.examples.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One person at a {@link RunningPortal} over HTTP, without a browser: cookies kept, redirects not followed, each form
 * posted with a fresh CSRF token of the session (or, to probe the check, without one).
 */
final class PortalSession {
    private static final Pattern CSRF = Pattern.compile("<input type=\"hidden\" name=\"(_csrf)\" value=\"([^\"]+)\">");

    private final RunningPortal portal;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    /** The Accept header of every request, or none. */
    private String accept;

    private PortalSession(RunningPortal portal) {
        this.portal = portal;
    }

    /** Nobody signed in: a client with its own cookies. */
    static PortalSession anonymous(RunningPortal portal) {
        return new PortalSession(portal);
    }

    /** Signs {@code user} in with the portal's own form login. */
    static PortalSession signIn(RunningPortal portal, String user) throws IOException, InterruptedException {
        PortalSession s = new PortalSession(portal);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("username", user);
        form.put("password", SecurityConfiguration.DEMO_PASSWORD);
        HttpResponse<String> signedIn = s.post("/login", form, s.get("/login"));
        assertThat(signedIn.statusCode()).as("sign-in of %s", user).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location"))
                .as("sign-in of %s", user)
                .hasValueSatisfying(l -> assertThat(l).doesNotContain("error"));
        return s;
    }

    /** From now on sends this Accept header with every request (null: none, the default). */
    PortalSession accepting(String accept) {
        this.accept = accept;
        return this;
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send("GET", path, null);
    }

    /** Any method, with a form body or none. */
    HttpResponse<String> send(String method, String path, String formBody) throws IOException, InterruptedException {
        return send(method, path, formBody, "application/x-www-form-urlencoded");
    }

    /** Any method, with a body of the given type or none, and any further headers (name, value, name, value …). */
    HttpResponse<String> send(String method, String path, String body, String contentType, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(portal.url(path));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        if (accept != null) {
            b.header("Accept", accept);
        }
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A POST whose body is sent without a length (chunked). */
    HttpResponse<String> sendChunked(String path, String body, String contentType)
            throws IOException, InterruptedException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return client.send(
                HttpRequest.newBuilder(portal.url(path))
                        .header("Content-Type", contentType)
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(bytes)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * A page's body with the value of each CSRF token left out: the token is random base64url, so by chance it spells
     * any short text a test looks for ("G-2", "SQL") — one CI run found "G-2" in it. Checks that a page shows nothing
     * of something read this instead of the raw body.
     */
    static String withoutCsrfTokens(String body) {
        return CSRF.matcher(body).replaceAll("<input type=\"hidden\" name=\"$1\" value=\"\">");
    }

    /**
     * What a log capture holds now, copied under the appender's lock: logback appends under it
     * ({@code AppenderBase.doAppend}) while the test reads, and the list itself is a plain {@code ArrayList}.
     */
    static java.util.List<ch.qos.logback.classic.spi.ILoggingEvent> logged(
            ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> lines) {
        synchronized (lines) {
            return java.util.List.copyOf(lines.list);
        }
    }

    /** The CSRF token of this session, as its start page renders it. */
    String csrfToken() throws IOException, InterruptedException {
        for (String page : new String[] {"/", "/portal", "/desk"}) {
            Matcher m = CSRF.matcher(get(page).body());
            if (m.find()) {
                return m.group(2);
            }
        }
        throw new AssertionError("no CSRF token on a page of this session");
    }

    /** Posts with the CSRF token of a page of this session that renders one (the start page, or the sign-in). */
    HttpResponse<String> post(String path, Map<String, String> fields) throws IOException, InterruptedException {
        return post(path, fields, get("/"));
    }

    /** Posts the fields as they are: no CSRF token added. */
    HttpResponse<String> postWithoutToken(String path, Map<String, String> fields)
            throws IOException, InterruptedException {
        return send("POST", path, encode(fields));
    }

    private HttpResponse<String> post(String path, Map<String, String> fields, HttpResponse<String> page)
            throws IOException, InterruptedException {
        HttpResponse<String> withToken = page;
        Matcher m = CSRF.matcher(withToken.body());
        if (!m.find()) {
            withToken = get("/portal");
            m = CSRF.matcher(withToken.body());
            if (!m.find()) {
                withToken = get("/desk");
                m = CSRF.matcher(withToken.body());
                assertThat(m.find())
                        .as("a CSRF token on a page of this session")
                        .isTrue();
            }
        }
        Map<String, String> form = new LinkedHashMap<>(fields);
        form.put(m.group(1), m.group(2));
        return send("POST", path, encode(form));
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
