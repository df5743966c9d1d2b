package dev.escalation.examples.portal;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.ModelAndView;

/**
 * The page for every error Spring Boot handles (a bad path, a form too large, a refused CSRF token, an unexpected
 * failure): the status and a sentence in the reader's language. Spring Boot's error attributes carry no exception
 * and no stack trace by default; this page shows none of them either.
 */
@Component
class PortalErrorViews implements ErrorViewResolver {
    static final List<Integer> KNOWN = List.of(400, 403, 404, 405, 413, 500);

    private final PortalContext context;
    private final PortalAdvice advice;

    PortalErrorViews(PortalContext context, PortalAdvice advice) {
        this.context = context;
        this.advice = advice;
    }

    @Override
    public ModelAndView resolveErrorView(HttpServletRequest request, HttpStatus status, Map<String, Object> model) {
        Ui ui = context.ui(request);
        int code = status.value();
        int known = KNOWN.contains(code) ? code : status.is4xxClientError() ? 400 : 500;
        Problem p =
                new Problem(code, "HTTP_" + code, ui.t("error." + known + ".title"), ui.t("error." + known), List.of());
        ModelAndView mav = new ModelAndView("problem");
        mav.addAllObjects(advice.common(request, ui));
        mav.addObject("problem", p.model());
        mav.setStatus(status);
        return mav;
    }
}
