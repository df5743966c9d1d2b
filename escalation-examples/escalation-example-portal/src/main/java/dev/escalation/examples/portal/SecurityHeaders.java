package dev.escalation.examples.portal;

import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The security headers of every answer, pages and errors alike: Spring Security writes them for the requests it sees
 * ({@link SecurityConfiguration}), {@link SecurityHeadersValve} for the answers it does not see (Tomcat's own refusals
 * of a malformed request, and errors raised before its filter chain runs). One list, so both write the same values.
 */
final class SecurityHeaders {
    /** The pages' Content-Security-Policy: nothing from elsewhere, forms only to the portal, no framing. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; form-action 'self'; frame-ancestors 'none'";

    /** The headers with the values Spring Security writes for the portal's pages. */
    static final Map<String, String> ALL = headers();

    private SecurityHeaders() {}

    private static Map<String, String> headers() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("X-Content-Type-Options", "nosniff");
        h.put("X-XSS-Protection", "0");
        h.put("Cache-Control", "no-cache, no-store, max-age=0, must-revalidate");
        h.put("Pragma", "no-cache");
        h.put("Expires", "0");
        h.put("X-Frame-Options", "DENY");
        h.put("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        h.put("Referrer-Policy", "same-origin");
        return Map.copyOf(h);
    }

    /** Sets each header the response does not have yet (a value already set, by Spring Security or a page, stays). */
    static void addMissing(HttpServletResponse response) {
        ALL.forEach((name, value) -> {
            if (!response.containsHeader(name)) {
                response.setHeader(name, value);
            }
        });
    }
}
