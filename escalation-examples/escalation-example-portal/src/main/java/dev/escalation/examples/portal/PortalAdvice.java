package dev.escalation.examples.portal;

import dev.escalation.Action;
import dev.escalation.EscalationEngine;
import dev.escalation.EscalationException;
import dev.escalation.IllegalTransitionException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * The model every page shares (texts, the signed-in person, the clock, the CSRF token for its forms, the DE/EN
 * switch) and the pages for the engine's refusals: a readable message with the status the refusal stands for, never a
 * stack trace. Unexpected failures go to Spring Boot's error handling, which renders {@link PortalErrorViews}.
 */
@ControllerAdvice
class PortalAdvice {
    private static final Logger LOG = LoggerFactory.getLogger(PortalAdvice.class);

    private static final Pattern ACTION = Pattern.compile("(/(?:portal|desk)/escalations/[^/]+)/[a-z-]+");

    private final PortalContext context;
    private final EscalationEngine engine;
    private final PortalActors actors;

    PortalAdvice(PortalContext context, EscalationEngine engine, PortalActors actors) {
        this.context = context;
        this.engine = engine;
        this.actors = actors;
    }

    @ModelAttribute
    void common(HttpServletRequest request, org.springframework.ui.Model model) {
        Ui ui = context.ui(request);
        model.addAllAttributes(common(request, ui));
    }

    /** The shared part of every page's model. */
    Map<String, Object> common(HttpServletRequest request, Ui ui) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("t", ui.all());
        Map<String, Object> me = context.me(ui);
        if (me != null) {
            m.put("me", me);
        }
        m.put("now", ui.at(context.clock().instant()));
        m.put("zone", ui.zone().getId());
        m.put("lang", ui.locale().getLanguage());
        m.put("de", ui.german());
        m.put("en", !ui.german());
        String path = switchPath(request);
        m.put("switchTo", Map.of("de", path + "?lang=de", "en", path + "?lang=en"));
        if (request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token) {
            m.put("csrf", Map.of("parameterName", token.getParameterName(), "token", token.getToken()));
        }
        return m;
    }

    /**
     * Where the language switch leads: the page itself for a page read with {@code GET}; the start page for an error
     * page (its own path is {@code /error}, a 404 when asked for) and for the answer to a form ({@code POST}: its path
     * takes no {@code GET}).
     */
    private static String switchPath(HttpServletRequest request) {
        boolean page = request.getDispatcherType() != jakarta.servlet.DispatcherType.ERROR
                && "GET".equals(request.getMethod());
        return page ? request.getRequestURI() : "/";
    }

    @ExceptionHandler(EscalationException.class)
    Object refused(EscalationException e, HttpServletRequest request) {
        // the route and the code are enough to follow a refusal. The message may name people, and the path is what
        // the client sent (an id in it may be anything, an e-mail address too): both stay out of the log
        LOG.info("{} {} refused: {}", request.getMethod(), route(request), e.code());
        Ui ui = context.ui(request);
        Problem p = Problem.of(e, ui, readerMay(e));
        return problem(request, ui, p);
    }

    /**
     * What the signed-in person may do now on the escalation an illegal transition is about (the actions its page
     * offers them), so that the refusal suggests none of another role's; nothing when they cannot see it.
     */
    private Set<Action> readerMay(EscalationException e) {
        if (!(e instanceof IllegalTransitionException illegal) || illegal.escalation() == null) {
            return Set.of();
        }
        try {
            return actors.current()
                    .flatMap(actor -> engine.find(actor, illegal.escalation()))
                    .map(view -> Set.copyOf(view.availableActions())) // decided here, where a failure is caught
                    .orElse(Set.of());
        } catch (EscalationException unreadable) {
            return Set.of(); // the refusal is shown all the same, without suggestions
        }
    }

    /**
     * The request's route as mapped ({@code /portal/escalations/{id}/withdraw}): the pattern, with the action filled
     * in (only the portal's own actions reach the engine), never an id from the path.
     */
    static String route(HttpServletRequest request) {
        if (!(request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE) instanceof String pattern)) {
            return "(unmapped)";
        }
        if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables
                && variables.get("action") instanceof String action
                && action.matches("[a-z-]{1,32}")) {
            return pattern.replace("{action}", action);
        }
        return pattern;
    }

    @ExceptionHandler(FormException.class)
    Object badForm(FormException e, HttpServletRequest request) {
        Ui ui = context.ui(request);
        return problem(request, ui, Problem.of(e, ui));
    }

    /**
     * The problem as the portal's page, or for a client that accepts JSON and no HTML (as Spring Boot answers such a
     * client for the errors it handles) as an RFC 9457 problem: {@code status}, {@code title}, {@code detail}, the
     * engine's {@code code} and the invalid {@code fields} (field, rule, code, detail). Never an exception's text.
     */
    Object problem(HttpServletRequest request, Ui ui, Problem p) {
        if (!wantsJson(request)) {
            return problemPage(request, ui, p);
        }
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(p.status()), p.message());
        body.setTitle(p.title());
        body.setProperty("code", p.code());
        body.setProperty(
                "fields",
                p.fields().stream()
                        .map(f -> Map.of("field", f.field(), "rule", f.rule(), "code", f.code(), "detail", f.message()))
                        .toList());
        return ResponseEntity.status(p.status())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(body);
    }

    /** Whether the Accept header names JSON and no HTML ({@code *}{@code /*}, none or a bad one: the page). */
    static boolean wantsJson(HttpServletRequest request) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        if (accept == null || accept.isBlank()) {
            return false;
        }
        List<MediaType> types;
        try {
            types = MediaType.parseMediaTypes(accept);
        } catch (InvalidMediaTypeException e) {
            return false;
        }
        boolean json = false;
        for (MediaType t : types) {
            if (t.getQualityValue() <= 0) {
                continue;
            }
            if (t.isWildcardType()
                    || (t.getType().equals("text")
                            && (t.isWildcardSubtype() || t.getSubtype().equals("html")))) {
                return false;
            }
            json |= t.getType().equals("application")
                    && (t.getSubtype().equals("json") || t.getSubtype().endsWith("+json"));
        }
        return json;
    }

    ModelAndView problemPage(HttpServletRequest request, Ui ui, Problem p) {
        ModelAndView mav = new ModelAndView("problem");
        mav.addAllObjects(common(request, ui));
        // after a refused action: back to the escalation's page (its forms), else the start page
        Matcher action = ACTION.matcher(request.getRequestURI());
        if (action.matches()) {
            mav.addObject("back", action.group(1));
        }
        mav.addObject("problem", p.model());
        mav.setStatus(HttpStatusCode.valueOf(p.status()));
        return mav;
    }
}
