package dev.escalation.examples.portal;

import dev.escalation.Actor;
import dev.escalation.inmemory.InMemoryCustomerDirectory;
import dev.escalation.model.ContactId;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.Collections;
import java.util.Enumeration;
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
     * German where the header weighs a German range ({@code de}, {@code de-CH}, …) above every English one, or as high
     * but listed first; else English. Each element is {@code range[;q=weight]}; an element that is not (a bad range or
     * weight, other parameters) is skipped, the others still count; a weight of 0 refuses the language, a range
     * without one weighs 1; {@code *} names neither language.
     */
    static Locale browser(String header) {
        if (header == null) {
            return Locale.ENGLISH;
        }
        int german = 0; // the best weight in thousandths, 0 while none
        int english = 0;
        int germanAt = -1; // the element that first had it
        int englishAt = -1;
        String[] elements = header.split(",", -1);
        for (int i = 0; i < elements.length; i++) {
            String element = elements[i];
            int semicolon = element.indexOf(';');
            String range = (semicolon < 0 ? element : element.substring(0, semicolon)).strip();
            int weight = semicolon < 0
                    ? 1000
                    : weight(element.substring(semicolon + 1).strip());
            if (weight <= 0 || !validRange(range)) {
                continue;
            }
            int dash = range.indexOf('-');
            String language = dash < 0 ? range : range.substring(0, dash);
            if (language.equalsIgnoreCase("de") && weight > german) {
                german = weight;
                germanAt = i;
            } else if (language.equalsIgnoreCase("en") && weight > english) {
                english = weight;
                englishAt = i;
            }
        }
        boolean preferred = german > english || (german == english && germanAt < englishAt);
        return german > 0 && preferred ? Locale.GERMAN : Locale.ENGLISH;
    }

    /** A weight {@code q=0}, {@code q=0.5}, {@code q=1.000} (RFC 9110) in thousandths, or -1 if it is not one. */
    private static int weight(String parameter) {
        if (!parameter.regionMatches(true, 0, "q=", 0, 2)) {
            return -1;
        }
        String v = parameter.substring(2);
        if (v.isEmpty() || v.length() > 5 || (v.length() > 1 && v.charAt(1) != '.')) {
            return -1;
        }
        char whole = v.charAt(0);
        if (whole != '0' && whole != '1') {
            return -1;
        }
        int thousandths = 0;
        for (int i = 2; i < 5; i++) {
            char c = i < v.length() ? v.charAt(i) : '0';
            if (c < '0' || c > '9') {
                return -1;
            }
            thousandths = thousandths * 10 + (c - '0');
        }
        return whole == '1' ? (thousandths == 0 ? 1000 : -1) : thousandths;
    }

    /** A language range of RFC 4647: {@code *}, or subtags of 1 to 8 ASCII letters and digits, the first letters. */
    private static boolean validRange(String range) {
        if (range.equals("*")) {
            return true;
        }
        String[] subtags = range.split("-", -1);
        for (int i = 0; i < subtags.length; i++) {
            String t = subtags[i];
            if (t.isEmpty() || t.length() > 8) {
                return false;
            }
            for (int k = 0; k < t.length(); k++) {
                char c = t.charAt(k);
                boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
                if (!letter && (i == 0 || c < '0' || c > '9')) {
                    return false;
                }
            }
        }
        return true;
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
