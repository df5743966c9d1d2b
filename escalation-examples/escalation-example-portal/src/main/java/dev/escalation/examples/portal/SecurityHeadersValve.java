package dev.escalation.examples.portal;

import jakarta.servlet.ServletException;
import java.io.IOException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;

/**
 * Tomcat's engine valve that gives every answer the portal's {@link SecurityHeaders} before anything else handles the
 * request: also the answers Spring Security never sees (Tomcat's refusal of a path with {@code %00}, {@code ..} or a
 * bad percent-encoding, of {@code TRACE}; a request its firewall rejects; a form too large). Spring Security's header
 * writers keep a header that is already set, so the pages' headers stay exactly as configured.
 */
final class SecurityHeadersValve extends ValveBase {

    SecurityHeadersValve() {
        super(true);
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        SecurityHeaders.addMissing(response);
        getNext().invoke(request, response);
    }
}
