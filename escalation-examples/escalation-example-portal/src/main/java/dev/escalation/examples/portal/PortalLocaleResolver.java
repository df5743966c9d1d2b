package dev.escalation.examples.portal;

import dev.escalation.Actor;
import dev.escalation.inmemory.InMemoryCustomerDirectory;
import dev.escalation.model.ContactId;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;

/**
 * The page language: the one chosen with the DE/EN switch (kept in the session), else the signed-in contact's
 * preferred language, else the browser's {@code Accept-Language} by its weights (Spring's
 * {@link AcceptHeaderLocaleResolver}: German where the browser prefers it to English, else English).
 */
final class PortalLocaleResolver implements LocaleResolver {
    static final String SESSION_KEY = "portal.locale";

    private final PortalActors actors;
    private final InMemoryCustomerDirectory customers;
    private final AcceptHeaderLocaleResolver browser = new AcceptHeaderLocaleResolver();

    PortalLocaleResolver(PortalActors actors, InMemoryCustomerDirectory customers) {
        this.actors = actors;
        this.customers = customers;
        browser.setSupportedLocales(List.of(Locale.GERMAN, Locale.ENGLISH));
        browser.setDefaultLocale(Locale.ENGLISH);
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
        return browser.resolveLocale(request); // one of its supported locales, or its default
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
