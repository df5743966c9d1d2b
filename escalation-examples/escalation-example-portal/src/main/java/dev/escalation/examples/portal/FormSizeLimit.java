package dev.escalation.examples.portal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers a request whose body is larger than the limit with 413 before anything reads it (Spring Security's CSRF
 * check reads the form): the error page then says that the form was too large. Tomcat's own form limit
 * ({@code server.tomcat.max-http-form-post-size}) is set to the same size for bodies without a length.
 */
final class FormSizeLimit extends OncePerRequestFilter {
    private final long maxBytes;

    FormSizeLimit(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBytes) {
            response.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
            return;
        }
        chain.doFilter(request, response);
    }
}
