package dev.escalation.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.EscalationEngine;
import dev.escalation.inmemory.InMemoryNotifier;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Actuator endpoint {@code escalation} and the health component on a real Tomcat (random port), probed with raw
 * requests ({@link RawHttp}): malformed queries and bodies, wrong methods and media types, {@code TRACE}, paths
 * Tomcat refuses. Every error has a 4xx or 5xx status, a body without a stack trace, class or package names, server
 * name or the request's text, and nothing is replayed. The security headers and the error page for what Tomcat
 * refuses are the host's (Spring Security, its Tomcat configuration): the starter adds neither. The test's host has a
 * filter that takes the principal's name from the {@code X-User} header (the test's stand-in for a sign-in).
 */
@SpringBootTest(
        classes = {ActuatorOverHttpTestBase.App.class, EndpointRawHttpTest.Principals.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:endpoint-raw-http;DB_CLOSE_DELAY=-1",
            "escalation.jdbc.migrate=true",
            "escalation.coverage.always-open=true",
            "escalation.delivery.enabled=false",
            "escalation.delivery.max-attempts=1",
            "management.endpoints.web.exposure.include=health,escalation",
            "management.endpoint.health.show-details=always"
        })
class EndpointRawHttpTest {
    /** Text a probe sends: no answer may carry it. */
    private static final String MARKER = "probe-7f3a";

    @Configuration(proxyBeanMethods = false)
    static class Principals {
        @Bean
        FilterRegistrationBean<Filter> testPrincipal() {
            return new FilterRegistrationBean<>((request, response, chain) -> {
                HttpServletRequest http = (HttpServletRequest) request;
                String user = http.getHeader("X-User");
                chain.doFilter(
                        user == null
                                ? request
                                : new HttpServletRequestWrapper(http) {
                                    @Override
                                    public Principal getUserPrincipal() {
                                        return () -> user;
                                    }
                                },
                        response);
            });
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    EscalationEngine engine;

    @Autowired
    InMemoryNotifier notifier;

    @BeforeEach
    void aDeadLetter() {
        if (dead() == 0) {
            TestAdapters.deadLetter(engine, notifier, "C-88");
        }
        assertThat(dead()).isPositive();
    }

    private long dead() {
        return TestAdapters.deadLetters(engine);
    }

    private RawHttp.Answer send(String request) throws Exception {
        return RawHttp.send(URI.create("http://127.0.0.1:" + port + "/"), request);
    }

    private static String post(String type, String body, String... headers) {
        String[] all = new String[headers.length + 2];
        System.arraycopy(headers, 0, all, 0, headers.length);
        all[headers.length] = "Content-Type: " + type;
        all[headers.length + 1] = "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length;
        return RawHttp.request("POST /actuator/escalation HTTP/1.1", all) + body;
    }

    private static void withoutInternals(String what, RawHttp.Answer a) {
        assertThat(a.body())
                .as(what)
                .doesNotContain("Exception", "\tat ", "java.", "jakarta.", "dev.escalation.", "org.springframework")
                .doesNotContain("org.apache", "Tomcat", "Apache", "trace", "Jackson", "SQL", MARKER);
        assertThat(a.header("Server")).as(what).isNull();
        assertThat(a.header("X-Powered-By")).as(what).isNull();
    }

    @Test
    void malformedRequestsToTheEndpointAreRefusedWithoutInternals() throws Exception {
        long before = dead();
        String sam = "X-User: sam";
        Map<String, String> probes = new LinkedHashMap<>();
        Map<String, Integer> status = new LinkedHashMap<>();
        probes.put("no principal", RawHttp.request("GET /actuator/escalation HTTP/1.1"));
        status.put("no principal", 401);
        probes.put("not the role", RawHttp.request("GET /actuator/escalation HTTP/1.1", "X-User: eve"));
        status.put("not the role", 403);
        probes.put("size no number", RawHttp.request("GET /actuator/escalation?size=" + MARKER + " HTTP/1.1", sam));
        status.put("size no number", 400);
        probes.put("size bad percent", RawHttp.request("GET /actuator/escalation?size=%zz HTTP/1.1", sam));
        status.put("size bad percent", 400);
        probes.put(
                "cursor forged", RawHttp.request("GET /actuator/escalation?after=%3Cb%3E" + MARKER + " HTTP/1.1", sam));
        status.put("cursor forged", 400);
        probes.put("body no JSON", post("application/json", "{\"messageId\": <b>" + MARKER, sam));
        status.put("body no JSON", 400);
        probes.put("body an array", post("application/json", "[\"" + MARKER + "\"]", sam));
        status.put("body an array", 400);
        probes.put(
                "body an object field", post("application/json", "{\"messageId\": {\"a\": \"" + MARKER + "\"}}", sam));
        status.put("body an object field", 400);
        probes.put("body both", post("application/json", "{\"messageId\": \"E-1/1/1\", \"escalation\": \"E-1\"}", sam));
        status.put("body both", 400);
        probes.put("body as text", post("text/plain", MARKER, sam));
        status.put("body as text", 415);
        probes.put("body as XML", post("application/xml", "<a>" + MARKER + "</a>", sam));
        status.put("body as XML", 415);
        probes.put("PUT", RawHttp.request("PUT /actuator/escalation HTTP/1.1", sam, "Content-Length: 0"));
        status.put("PUT", 405);
        probes.put("DELETE", RawHttp.request("DELETE /actuator/escalation HTTP/1.1", sam));
        status.put("DELETE", 405);
        probes.put("unknown method", RawHttp.request("FOO /actuator/escalation HTTP/1.1", sam));
        status.put("unknown method", 405);
        probes.put("TRACE", RawHttp.request("TRACE /actuator/escalation HTTP/1.1", sam, "X-Probe: <b>" + MARKER));
        status.put("TRACE", 405);
        probes.put("a sub-path", RawHttp.request("GET /actuator/escalation/" + MARKER + " HTTP/1.1", sam));
        status.put("a sub-path", 404);
        probes.put(
                "only HTML accepted", RawHttp.request("GET /actuator/escalation HTTP/1.1", sam, "Accept: text/html"));
        status.put("only HTML accepted", 406);
        probes.put("only PNG accepted", RawHttp.request("GET /actuator/escalation HTTP/1.1", sam, "Accept: image/png"));
        status.put("only PNG accepted", 406);
        for (Map.Entry<String, String> p : probes.entrySet()) {
            RawHttp.Answer a = send(p.getValue());
            assertThat(a.status()).as(p.getKey()).isEqualTo(status.get(p.getKey()));
            if (p.getKey().equals("a sub-path")) {
                // Spring Boot's error body names the path asked for, JSON-escaped (the host's
                // server.error.include-path=never drops it): the one place a probe's text comes back
                assertThat(a.body()).contains("\"path\":\"/actuator/escalation/" + MARKER + "\"");
                withoutInternals(
                        p.getKey(),
                        new RawHttp.Answer(a.status(), a.headers(), a.body().replace(MARKER, "")));
            } else {
                withoutInternals(p.getKey(), a);
            }
            if (a.status() != 406) {
                // the endpoint is JSON: its refusals and Spring Boot's errors for it alike, with no Accept header
                assertThat(a.header("Content-Type")).as(p.getKey()).contains("json");
                assertThat(a.body()).as(p.getKey()).startsWith("{");
            }
        }
        // TRACE is refused (Tomcat's default), never echoed; OPTIONS lists no TRACE
        RawHttp.Answer options = send(RawHttp.request("OPTIONS /actuator/escalation HTTP/1.1", sam));
        assertThat(options.status()).isEqualTo(200);
        assertThat(options.header("Allow")).contains("GET", "POST").doesNotContain("TRACE");
        assertThat(dead()).as("nothing replayed").isEqualTo(before);
    }

    @Test
    void pathsTomcatRefusesAreA400WithoutInternals() throws Exception {
        Map<String, Integer> probes = new LinkedHashMap<>();
        probes.put("GET /actuator/escalation/%00" + MARKER + " HTTP/1.1", 400);
        probes.put("GET /%2e%2e/actuator/escalation/" + MARKER + " HTTP/1.1", 400);
        probes.put("GET /actuator/escalation%2f" + MARKER + " HTTP/1.1", 400);
        probes.put("GET /actuator/escalation/%zz" + MARKER + " HTTP/1.1", 400);
        probes.put("GET /actuator/escalation/<" + MARKER + "> HTTP/1.1", 400);
        probes.put("GET /actuator/escalation?after=" + "x".repeat(20_000) + " HTTP/1.1", 400);
        for (Map.Entry<String, Integer> p : probes.entrySet()) {
            String what = p.getKey().length() > 80 ? p.getKey().substring(0, 80) : p.getKey();
            RawHttp.Answer a = send(RawHttp.request(p.getKey(), "X-User: sam"));
            assertThat(a.status()).as(what).isEqualTo(p.getValue());
            withoutInternals(what, a);
        }
        RawHttp.Answer health = send(RawHttp.request("GET /actuator/health/escalation HTTP/1.1"));
        assertThat(health.status()).isEqualTo(503);
        withoutInternals("health", health);
    }
}
