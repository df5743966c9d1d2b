package dev.escalation.examples.portal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads a form's CR LF as the one line break it is (LF). A browser counts a textarea's line break as one character
 * against {@code maxlength} and sends it as CR LF (HTML's form encoding): taken as sent, a message the page let the
 * customer type in full was one character longer per line than the engine's rule, which counts the characters sent,
 * and was refused as too long.
 */
final class FormLineBreaks extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Map<String, String[]> sent = request.getParameterMap();
        boolean crlf = false;
        for (String[] values : sent.values()) {
            for (String v : values) {
                crlf |= v != null && v.contains("\r\n");
            }
        }
        chain.doFilter(crlf ? new Normalized(request, sent) : request, response);
    }

    /** The request with each parameter value's CR LF replaced by LF. */
    private static final class Normalized extends HttpServletRequestWrapper {
        private final Map<String, String[]> parameters;

        Normalized(HttpServletRequest request, Map<String, String[]> sent) {
            super(request);
            Map<String, String[]> m = new LinkedHashMap<>();
            sent.forEach((name, values) -> {
                String[] copy = new String[values.length];
                for (int i = 0; i < values.length; i++) {
                    copy[i] = values[i] == null ? null : values[i].replace("\r\n", "\n");
                }
                m.put(name, copy);
            });
            this.parameters = Collections.unmodifiableMap(m);
        }

        @Override
        public String getParameter(String name) {
            String[] values = parameters.get(name);
            return values == null || values.length == 0 ? null : values[0];
        }

        @Override
        public String[] getParameterValues(String name) {
            String[] values = parameters.get(name);
            return values == null ? null : values.clone();
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            return parameters;
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.enumeration(parameters.keySet());
        }
    }
}
