package dev.escalation.examples.portal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers a request for Spring Boot's error path itself ({@code GET /error}) with 404 and the portal's page, like
 * any other path that is no page. The error path is for the container's error dispatch only (which this filter does
 * not see): asked for directly, it had no error to show and answered 500, as if the portal had failed.
 */
final class DirectErrorRequests extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.sendError(HttpServletResponse.SC_NOT_FOUND);
    }
}
