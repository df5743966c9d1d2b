package dev.escalation.examples.portal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.LocaleResolver;

/**
 * The DE/EN switch: {@code ?lang=de} or {@code ?lang=en} on any page keeps that language for the session. Reads the
 * query string only, never the request body (an oversized form must reach its 413 page unread).
 */
final class LanguageSwitch implements HandlerInterceptor {
    private final LocaleResolver locales;

    LanguageSwitch(LocaleResolver locales) {
        this.locales = locales;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String query = request.getQueryString();
        if (query == null || !"GET".equals(request.getMethod())) {
            return true;
        }
        for (String pair : query.split("&")) {
            if (pair.equals("lang=de")) {
                locales.setLocale(request, response, Locale.GERMAN);
            } else if (pair.equals("lang=en")) {
                locales.setLocale(request, response, Locale.ENGLISH);
            }
        }
        return true;
    }
}
