package dev.escalation.examples.portal;

import dev.escalation.Actor;
import dev.escalation.inmemory.InMemoryCustomerDirectory;
import dev.escalation.model.ContactId;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.web.servlet.LocaleResolver;

/**
 * The page language: the one chosen with the DE/EN switch (kept in the session), else the signed-in contact's
 * preferred language, else the browser's {@code Accept-Language} by its weights ({@link #browser}: German where the
 * browser prefers it to English, else English).
 *
 * <p>The header is read here, not through {@code request.getLocale()}: for a header that names no language the
 * container can read ({@code *}, garbage, only {@code q=0}) the Servlet specification has that answer the server's
 * default locale (Tomcat: the JVM's), so a portal on a German JVM would show such a visitor German.
 */
final class PortalLocaleResolver implements LocaleResolver {
    static final String SESSION_KEY = "portal.locale";
    private static final List<Locale> SUPPORTED = List.of(Locale.GERMAN, Locale.ENGLISH);
    private static final Comparator<Locale.LanguageRange> BY_WEIGHT =
            Comparator.comparingDouble(Locale.LanguageRange::getWeight).reversed();

    private final PortalActors actors;
    private final InMemoryCustomerDirectory customers;

    PortalLocaleResolver(PortalActors actors, InMemoryCustomerDirectory customers) {
        this.actors = actors;
        this.customers = customers;
    }

    @Override
    public Locale resolveLocale(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null && session.getAttribute(SESSION_KEY) instanceof Locale chosen) {
            return chosen;
        }
        Optional<Actor> actor = actors.current();
        if (actor.isPresent() && actor.get().kind() == Actor.Kind.CONTACT) {
            Optional<Locale> preferred = customers
                    .touchpoint(ContactId.of(actor.get().id()))
                    .flatMap(t -> t.preferences().locale());
            if (preferred.isPresent()) {
                return supported(preferred.get());
            }
        }
        Enumeration<String> fields = request.getHeaders("Accept-Language"); // several fields are one list
        return browser(fields == null || !fields.hasMoreElements() ? null : String.join(",", Collections.list(fields)));
    }

    /**
     * The header's choice between German and English by RFC 4647's lookup ({@link Locale#lookup}): the ranges by
     * weight, the first listed first among equals; a range of weight 0 is left out (it refuses that range, not the
     * language it belongs to); {@code *} and other languages name neither, which reads English. The JDK parses each
     * element ({@link Locale.LanguageRange#parse}); one it cannot read (a bad range or weight, other parameters) is
     * skipped, and the others still count.
     */
    static Locale browser(String header) {
        if (header == null) {
            return Locale.ENGLISH;
        }
        List<Locale.LanguageRange> ranges = new ArrayList<>();
        for (String element : header.split(",")) {
            if (!element.isBlank()) {
                try {
                    ranges.addAll(Locale.LanguageRange.parse(element.strip()));
                } catch (IllegalArgumentException unreadable) {
                    // skipped, as a browser's garbage must not spoil the rest of its list
                }
            }
        }
        // a weight of 0 refuses that range only: the JDK's lookup would take "de-CH;q=0, de" to refuse German
        ranges.removeIf(r -> r.getWeight() == 0);
        ranges.sort(BY_WEIGHT); // parse sorts each element's ranges, not the list; stable: equals keep their order
        Locale best = Locale.lookup(ranges, SUPPORTED);
        return best == null ? Locale.ENGLISH : supported(best);
    }

    @Override
    public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
        if (locale == null) {
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.removeAttribute(SESSION_KEY);
            }
            return;
        }
        request.getSession().setAttribute(SESSION_KEY, supported(locale));
    }

    private static Locale supported(Locale locale) {
        return locale.getLanguage().equals("de") ? Locale.GERMAN : Locale.ENGLISH;
    }
}
