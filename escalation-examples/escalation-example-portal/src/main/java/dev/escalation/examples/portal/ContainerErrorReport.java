package dev.escalation.examples.portal;

import java.io.IOException;
import java.io.Writer;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;
import org.springframework.web.util.HtmlUtils;

/**
 * Tomcat's error report for the answers the portal's pages never see: a request Tomcat refuses before Spring runs (a
 * path with {@code %00}, a control character, {@code ..} or a bad percent-encoding, a request line or headers too
 * large, a bad {@code Host}, an unknown HTTP version). It follows the portal's one rule for every error
 * ({@link PortalAdvice#wantsJson}): JSON ({@code status} and {@code error}) for a client whose {@code Accept} header
 * names JSON and no HTML, else a short HTML page in the portal's look; the status and a sentence, never the request,
 * an exception or the server's name, and the portal's {@link SecurityHeaders}. It replaces Tomcat's
 * {@link ErrorReportValve} (a plain page without those headers, HTML whatever the client accepts).
 */
final class ContainerErrorReport extends ErrorReportValve {
    private static final ResourceBundle TEXTS = ResourceBundle.getBundle(
            "portal.messages",
            Locale.ROOT,
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));

    ContainerErrorReport() {
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        SecurityHeaders.ALL.forEach(response::setHeader); // after a reset too
        String body;
        if (PortalAdvice.wantsJson(request)) {
            response.setContentType("application/json");
            body = "{\"status\":" + status + ",\"error\":\"" + reason(status) + "\"}";
        } else {
            response.setContentType("text/html");
            body = page(status);
        }
        response.setCharacterEncoding("UTF-8");
        try {
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the answer was already started: nothing more to write
        }
    }

    private static String reason(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        return known != null ? known.getReasonPhrase() : status < 500 ? "Bad Request" : "Internal Server Error";
    }

    /** The portal's error page (the markup of {@code problem.mustache}) without the parts that need a session. */
    private static String page(int status) {
        int known = PortalErrorViews.KNOWN.contains(status) ? status : status < 500 ? 400 : 500;
        String title = HtmlUtils.htmlEscape(TEXTS.getString("error." + known + ".title"));
        String sentence = HtmlUtils.htmlEscape(TEXTS.getString("error." + known));
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + title + " · " + HtmlUtils.htmlEscape(TEXTS.getString("app")) + "</title>\n"
                + "<link rel=\"stylesheet\" href=\"/portal.css\">\n</head>\n<body>\n<main>\n"
                + "<section class=\"problem\" id=\"problem\" role=\"alert\" data-status=\"" + status + "\">\n"
                + "  <h2 id=\"problem-title\">" + title + "</h2>\n"
                + "  <p id=\"problem-message\">" + sentence + "</p>\n</section>\n"
                + "<p><a href=\"/login\" id=\"back-home\">" + HtmlUtils.htmlEscape(TEXTS.getString("backHome"))
                + "</a></p>\n</main>\n</body>\n</html>\n";
    }
}
