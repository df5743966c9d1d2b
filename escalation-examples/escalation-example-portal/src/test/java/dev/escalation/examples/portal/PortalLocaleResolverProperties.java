package dev.escalation.examples.portal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.inmemory.InMemoryCustomerDirectory;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.tomcat.util.http.parser.AcceptLanguage;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * The page language of a visitor who is not signed in comes from the {@code Accept-Language} header alone: never from
 * the locale the servlet container falls back to. The Servlet specification has {@code getLocale()} answer the
 * server's default locale (Tomcat: the JVM's default when its {@code Request} class was loaded) for a request whose
 * header names no language it can read ({@code *}, garbage, only {@code q=0}); before, a portal on a German JVM then
 * showed German to such a visitor, whom the README promises English.
 */
class PortalLocaleResolverProperties {

    /** A request as Tomcat answers it: the header's locales by weight, or the server's default if it names none. */
    private static final class ContainerRequest extends MockHttpServletRequest {
        private final List<Locale> locales;

        ContainerRequest(String header, Locale serverDefault) {
            super("GET", "/login");
            if (header != null) {
                addHeader("Accept-Language", header);
            }
            List<AcceptLanguage> parsed;
            try {
                parsed = header == null ? List.of() : AcceptLanguage.parse(new StringReader(header));
            } catch (IOException | IllegalArgumentException e) {
                parsed = List.of();
            }
            List<AcceptLanguage> byWeight = new ArrayList<>(parsed);
            byWeight.sort(Comparator.comparingDouble(AcceptLanguage::getQuality).reversed());
            List<Locale> l = new ArrayList<>();
            byWeight.forEach(a -> l.add(a.getLocale()));
            this.locales = l.isEmpty() ? List.of(serverDefault) : l;
        }

        @Override
        public Locale getLocale() {
            return locales.get(0);
        }

        @Override
        public Enumeration<Locale> getLocales() {
            return Collections.enumeration(locales);
        }
    }

    private static final PortalLocaleResolver RESOLVER =
            new PortalLocaleResolver(new PortalActors(p -> Optional.empty()), new InMemoryCustomerDirectory());

    private static final List<Locale> SERVER_DEFAULTS = List.of(
            Locale.GERMANY,
            Locale.GERMAN,
            Locale.forLanguageTag("de-CH-u-nu-arab"),
            Locale.ENGLISH,
            Locale.forLanguageTag("ar-SA"),
            Locale.forLanguageTag("th-TH-u-nu-thai"),
            Locale.ROOT);

    private static String resolved(String header, Locale serverDefault) {
        return RESOLVER.resolveLocale(new ContainerRequest(header, serverDefault))
                .toLanguageTag();
    }

    @Example
    void theHeaderAloneDecidesWhateverTheServersDefaultLocale() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put(null, "en");
        expected.put("", "en");
        expected.put("de", "de");
        expected.put("de-DE,de;q=0.9,en-US;q=0.8,en;q=0.7", "de");
        expected.put("en-GB, de", "en");
        expected.put("fr-FR, de;q=0.5, en;q=0.3", "de");
        expected.put("fr", "en");
        expected.put("*", "en");
        expected.put("de;q=0", "en");
        expected.put("de;q=0, *", "en");
        expected.put("en;q=0, de;q=0", "en");
        expected.put("%%%;q=abc,,;q=", "en");
        expected.put("x".repeat(3000), "en");
        expected.put("de_DE", "en");
        expected.put("i-klingon", "en");
        expected.put("x-private", "en");
        expected.put("\u0001\u007f", "en");
        expected.put("de;q=0.5, en;q=0.5", "de"); // as high, listed first
        expected.put("en;q=0.5, de;q=0.5", "en");
        expected.put("de-CH;q=0, de", "de"); // Swiss German refused, German not
        expected.put(",,,de", "de"); // empty elements do not spoil the list
        expected.put("de,\ten;q=0.9", "de");
        expected.put("%%, de;q=0.7, en;q=0.6", "de"); // a bad element does not spoil the list
        expected.put("de;q=1.5, en;q=0.1", "en"); // not a weight
        expected.put("de;q=0.9;level=1, en;q=0.1", "en"); // not a language range with a weight
        expected.put("de;q=0., en;q=0.001", "en");
        expected.put(("fr;q=0.9, ").repeat(2000) + "de;q=0.8, en;q=0.7", "de");
        for (Map.Entry<String, String> e : expected.entrySet()) {
            for (Locale server : SERVER_DEFAULTS) {
                assertThat(resolved(e.getKey(), server))
                        .as("Accept-Language: %s on a server in %s", e.getKey(), server.toLanguageTag())
                        .isEqualTo(e.getValue());
            }
        }
    }

    /** A header sent as two fields is one list (RFC 9110, section 5.3): Tomcat reads both, and so does the portal. */
    @Example
    void twoAcceptLanguageFieldsAreOneList() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/login");
        request.addHeader("Accept-Language", "fr-FR, en;q=0.2");
        request.addHeader("Accept-Language", "de;q=0.5");
        assertThat(RESOLVER.resolveLocale(request)).isEqualTo(Locale.GERMAN);
    }

    @Provide
    Arbitrary<String> headers() {
        Arbitrary<String> range = Arbitraries.oneOf(
                Arbitraries.of(
                        "de",
                        "DE",
                        "de-DE",
                        "de-CH",
                        "en",
                        "EN-us",
                        "en-GB",
                        "fr",
                        "*",
                        "i-klingon",
                        "x-private",
                        "zh-Hant-TW",
                        "de-DE-u-ca-japanese",
                        "de_DE",
                        "",
                        "%%",
                        "de-",
                        "-de",
                        "d\u00e9",
                        "ar-SA"),
                Arbitraries.strings().ofMaxLength(12));
        Arbitrary<String> weight = Arbitraries.of(
                "",
                ";q=0",
                ";q=0.0",
                ";q=0.5",
                ";q=1",
                ";q=1.0",
                ";q=0.001",
                ";q=1.5",
                ";q=-1",
                ";q=abc",
                ";Q=0.5",
                ";q=",
                "; q=0.3",
                ";x=1");
        Arbitrary<String> entry = Combinators.combine(range, weight).as((r, w) -> r + w);
        return Combinators.combine(entry.list().ofMaxSize(30), Arbitraries.of(",", ", ", " ,", ",\t"))
                .as((l, separator) -> String.join(separator, l));
    }

    @Property(tries = 400)
    void everyHeaderGetsASupportedLanguageThatTheServersDefaultDoesNotChange(@ForAll("headers") String header) {
        String english = resolved(header, Locale.ENGLISH);
        assertThat(english).isIn("de", "en");
        for (Locale server : SERVER_DEFAULTS) {
            assertThat(resolved(header, server))
                    .as("Accept-Language: %s on a server in %s", header, server.toLanguageTag())
                    .isEqualTo(english);
        }
    }
}
