package dev.escalation.examples.portal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webmvc.autoconfigure.error.AbstractErrorController;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * Spring Boot's error path with the portal's one rule for every error ({@link PortalAdvice#wantsJson}): JSON (Spring
 * Boot's error body: timestamp, status, error, path) only for a client whose {@code Accept} header names JSON and no
 * HTML, always as {@code application/json} (never the type or parameters the client named), else the portal's page
 * ({@link PortalErrorViews}); no {@code Accept} header, {@code *}{@code /*} or one that cannot be read: the page. It
 * replaces Spring Boot's {@code BasicErrorController}, which answered JSON to a client
 * without an {@code Accept} header while the engine's refusals ({@link PortalAdvice}) and Tomcat's own refusals
 * ({@link ContainerErrorReport}) answered it with the page.
 */
@Controller
@RequestMapping("${server.error.path:${error.path:/error}}")
class PortalErrorController extends AbstractErrorController {

    PortalErrorController(ErrorAttributes errorAttributes, List<ErrorViewResolver> errorViewResolvers) {
        super(errorAttributes, errorViewResolvers);
    }

    @RequestMapping
    Object error(HttpServletRequest request, HttpServletResponse response) {
        HttpStatus status = getStatus(request);
        Map<String, Object> attributes = getErrorAttributes(request, ErrorAttributeOptions.defaults());
        if (PortalAdvice.wantsJson(request)) {
            // always application/json in UTF-8, whatever JSON type and parameters the client named: negotiated, the
            // answer took the client's media type as its Content-Type (application/json;x="<script>"), and a charset
            // the converter cannot write (application/json;charset=UTF-16) turned every error into an empty 406
            return ResponseEntity.status(status)
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(attributes);
        }
        ModelAndView page = resolveErrorView(request, response, status, attributes);
        return page != null ? page : new ModelAndView("problem", Map.of(), status);
    }
}
