package dev.escalation.examples.portal;

import dev.escalation.Actor;
import dev.escalation.inmemory.InMemoryCustomerDirectory;
import dev.escalation.model.ContactId;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.Locale;
import java.util.Optional;
import org.springframework.web.servlet.LocaleResolver;

/**
 * The page language: the one chosen with the DE/EN switch (kept in the session), else the signed-in contact's
 * preferred language, else the browser's (German or English).
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
        String header = request.getHeader("Accept-Language");
        return header != null && header.trim().toLowerCase(Locale.ROOT).startsWith("de")
                ? Locale.GERMAN
                : Locale.ENGLISH;
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
