package dev.escalation.examples.portal;

import dev.escalation.EscalationConflictException;
import dev.escalation.EscalationException;
import dev.escalation.EscalationNotFoundException;
import dev.escalation.EscalationUnavailableException;
import dev.escalation.IllegalTransitionException;
import dev.escalation.InvalidCommandException;
import dev.escalation.NotAuthorizedException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A refusal as the person sees it: an HTTP status, a title, a readable message and, for validation errors, one line
 * per field and rule. Built from the engine's exceptions; never carries a stack trace.
 */
record Problem(int status, String code, String title, String message, List<FieldError> fields) {

    /** One invalid field: the field, the rule and the engine's stable code (a portal could translate it). */
    record FieldError(String field, String rule, String code, String message) {}

    static Problem of(EscalationException e) {
        if (e instanceof InvalidCommandException invalid) {
            return new Problem(
                    400,
                    e.code(),
                    "Please check your input",
                    "Some values are missing or wrong.",
                    invalid.violations().stream()
                            .map(v -> new FieldError(v.field(), v.rule(), v.code(), v.message()))
                            .toList());
        }
        if (e instanceof NotAuthorizedException) {
            return new Problem(403, e.code(), "Not allowed", sentence(e.getMessage()), List.of());
        }
        if (e instanceof IllegalTransitionException illegal) {
            String allowed = illegal.allowedActions().stream()
                    .map(a -> a.name().toLowerCase(Locale.ROOT).replace('_', ' '))
                    .sorted()
                    .collect(Collectors.joining(", "));
            return new Problem(
                    409,
                    e.code(),
                    "Not possible now",
                    sentence(e.getMessage()) + (allowed.isEmpty() ? "" : " Possible now: " + allowed + "."),
                    List.of());
        }
        if (e instanceof EscalationNotFoundException) {
            return new Problem(404, e.code(), "Not found", sentence(e.getMessage()), List.of());
        }
        if (e instanceof EscalationConflictException) {
            return new Problem(409, e.code(), "Changed meanwhile", sentence(e.getMessage()), List.of());
        }
        if (e instanceof EscalationUnavailableException) {
            return new Problem(
                    503,
                    e.code(),
                    "Temporarily unavailable",
                    "The escalation service cannot answer right now; nothing was changed. Please try again.",
                    List.of());
        }
        return new Problem(400, e.code(), "Refused", sentence(e.getMessage()), List.of());
    }

    static Problem of(FormException e) {
        return new Problem(
                400,
                "INVALID_FORM",
                "Please check your input",
                "Some values are missing or wrong.",
                List.of(new FieldError(e.field(), "Format", e.field() + ".Format", e.getMessage())));
    }

    static Problem notFound(String what) {
        return new Problem(404, "NOT_FOUND", "Not found", sentence(what + " was not found"), List.of());
    }

    static Problem internal() {
        return new Problem(
                500,
                "INTERNAL",
                "Something went wrong",
                "The portal could not complete this request. Nothing you can do about it; please try again later.",
                List.of());
    }

    Map<String, Object> model() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", status);
        m.put("code", code);
        m.put("title", title);
        m.put("message", message);
        m.put(
                "fields",
                fields.stream()
                        .map(f ->
                                Map.of("field", f.field(), "rule", f.rule(), "code", f.code(), "message", f.message()))
                        .toList());
        m.put("hasFields", !fields.isEmpty());
        return m;
    }

    private static String sentence(String s) {
        if (s == null || s.isEmpty()) {
            return "";
        }
        String t = Character.toUpperCase(s.charAt(0)) + s.substring(1);
        return t.endsWith(".") ? t : t + ".";
    }
}
