package dev.escalation.examples.portal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers a request whose parameters cannot be decoded (a query string or form with a broken percent-encoding or
 * bytes that are not UTF-8) with 400 and the portal's error page, before anything else reads them. Without it the
 * servlet container's failure reached the page's handler and was logged at ERROR with a stack trace and the
 * parameter's value as sent, personal data included, for every such request, even without a sign-in.
 */
final class ReadableParameters extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            request.getParameterMap(); // decodes the query string and a form body once; later reads use the result
        } catch (InvalidParameterException e) {
            // the message quotes the parameter's value: neither logged nor shown
            int status = e.getErrorCode() >= 400 ? e.getErrorCode() : HttpServletResponse.SC_BAD_REQUEST;
            response.sendError(status);
            return;
        }
        chain.doFilter(request, response);
    }
}
