package dev.escalation.examples.portal;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import dev.escalation.EscalationEngine;
import dev.escalation.model.EscalationId;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.slf4j.LoggerFactory;

/**
 * Any bytes as a parameter's value, percent-encoded or raw (valid UTF-8 or not, broken escapes, a lone {@code %}),
 * behind personal data, in the query string of the portal's pages or in a form posted with the session's CSRF token,
 * by nobody, a contact or a staff member: the answer is never a 5xx and shows no internals, no log line at WARN or
 * above is written, no log line carries the personal data, and nothing changes. Every logger runs at INFO.
 */
class PortalParameterBytesProperties {
    private static final String PERSONAL = "jane.probe%40private.example";

    private static TwoTenants tenants;
    private static RunningPortal portal;
    private static EscalationEngine engine;
    private static EscalationId acme;
    private static EscalationId globex;
    private static Map<String, PortalSession> sessions;
    private static Map<String, String> tokens;
    private static String untouched;
    private static ListAppender<ILoggingEvent> lines;
    private static final Map<String, Level> LEVELS = new LinkedHashMap<>();

    @BeforeContainer
    static void start() throws Exception {
        TwoTenants t = TwoTenants.start("portal-parameter-bytes", "Backups hang", "b");
        tenants = t;
        portal = t.portal();
        engine = t.engine();
        acme = t.acme();
        globex = t.globex();
        sessions = new LinkedHashMap<>();
        tokens = new LinkedHashMap<>();
        sessions.put("nobody", PortalSession.anonymous(portal));
        for (String user : List.of("ina", "sam")) {
            PortalSession s = PortalSession.signIn(portal, user);
            sessions.put(user, s);
            tokens.put(user, s.csrfToken());
        }
        untouched = stored();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        LoggerContext logging = root.getLoggerContext();
        for (String name :
                List.of(org.slf4j.Logger.ROOT_LOGGER_NAME, "dev.escalation", "org.springframework", "org.apache")) {
            LEVELS.put(name, logging.getLogger(name).getLevel());
            logging.getLogger(name).setLevel(Level.INFO);
        }
        lines = new ListAppender<>();
        lines.start();
        root.addAppender(lines);
    }

    @AfterContainer
    static void stop() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        if (lines != null) {
            root.detachAppender(lines);
            LEVELS.forEach(
                    (name, level) -> root.getLoggerContext().getLogger(name).setLevel(level));
        }
        if (portal != null) {
            portal.close();
        }
    }

    private static String stored() {
        return tenants.stored();
    }

    @Property(tries = 400)
    void anyBytesInAParameterAreNeverAFailureNorLogged(
            @ForAll("routes") String route, @ForAll("values") String value, @ForAll("names") String name)
            throws Exception {
        synchronized (lines) { // AppenderBase.doAppend holds the appender's lock while another thread appends
            lines.list.clear();
        }
        String[] r = route.split(" ", 3); // who, method, path
        PortalSession who = sessions.get(r[0]);
        String path = r[2].replace("{acme}", acme.value()).replace("{globex}", globex.value());
        String parameter = name + "=" + PERSONAL + value;
        // a URL cannot carry a broken escape (java.net.URI refuses it): there the % stands for itself
        HttpResponse<String> response = r[1].equals("GET")
                ? who.get(path + (path.contains("?") ? "&" : "?") + parameter.replaceAll("%(?![0-9A-Fa-f]{2})", "%25"))
                : who.send("POST", path, "_csrf=" + tokens.get(r[0]) + "&" + parameter);
        assertThat(response.statusCode()).as("%s %s", route, parameter).isBetween(200, 499);
        assertThat(PortalSession.withoutCsrfTokens(response.body()))
                .as("%s %s", route, parameter)
                .doesNotContain("Exception", "\tat ", "java.", "dev.escalation.", "org.springframework", "Tomcat");
        for (ILoggingEvent line : PortalSession.logged(lines)) {
            StringBuilder text = new StringBuilder(line.getFormattedMessage());
            for (IThrowableProxy t = line.getThrowableProxy(); t != null; t = t.getCause()) {
                text.append(" | ").append(t.getMessage());
            }
            assertThat(text.toString()).as("%s %s", route, parameter).doesNotContain("jane.probe");
            assertThat(line.getLevel().isGreaterOrEqual(Level.WARN))
                    .as("%s %s logged %s: %s", route, parameter, line.getLevel(), text)
                    .isFalse();
        }
        assertThat(stored()).isEqualTo(untouched);
    }

    @Provide
    Arbitrary<String> routes() {
        return Arbitraries.of(
                "nobody GET /login",
                "nobody GET /",
                "nobody GET /login?error",
                "ina GET /portal",
                "ina GET /portal/escalations/{acme}",
                "ina GET /portal/escalations/{globex}",
                "ina GET /portal/cases/C-1/escalate",
                "ina POST /portal/escalations/{acme}/message",
                "ina POST /portal/escalations/{globex}/withdraw",
                "ina POST /portal/cases/C-5/escalate",
                "sam GET /desk",
                "sam GET /desk/escalations/{globex}",
                "sam GET /desk/hotline",
                "sam POST /desk/escalations/{acme}/progress",
                "sam POST /desk/hotline");
    }

    /** The parameters the pages read, and one they do not. */
    @Provide
    Arbitrary<String> names() {
        return Arbitraries.of(
                "done", "lang", "state", "criticality", "scope", "text", "reason", "message", "caseId", "x");
    }

    /** Bytes percent-encoded (any, so mostly not UTF-8), broken escapes, and raw characters. */
    @Provide
    Arbitrary<String> values() {
        Arbitrary<String> bytes = Arbitraries.bytes()
                .list()
                .ofMinSize(1)
                .ofMaxSize(12)
                .map(l -> {
                    StringBuilder s = new StringBuilder();
                    l.forEach(b -> s.append('%').append(String.format("%02X", b & 0xff)));
                    return s.toString();
                });
        Arbitrary<String> broken = Arbitraries.of("%", "%z", "%zz", "%1", "%%", "%G0", "%C3", "%E2%82", "%F0%9F%98");
        Arbitrary<String> raw =
                Arbitraries.strings().withChars("abc&=;+%").ofMinLength(0).ofMaxLength(6);
        return Arbitraries.oneOf(bytes, broken, raw, Arbitraries.of("%C3%A4", "%E2%9C%93"))
                .list()
                .ofMinSize(1)
                .ofMaxSize(3)
                .map(l -> String.join("", l));
    }
}
