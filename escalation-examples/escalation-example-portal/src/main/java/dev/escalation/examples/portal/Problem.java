package dev.escalation.examples.portal;

import dev.escalation.Action;
import dev.escalation.EscalationConflictException;
import dev.escalation.EscalationException;
import dev.escalation.EscalationNotFoundException;
import dev.escalation.EscalationUnavailableException;
import dev.escalation.IllegalTransitionException;
import dev.escalation.InvalidCommandException;
import dev.escalation.NotAuthorizedException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A refusal as the person sees it: an HTTP status, a title and a readable message in their language (the engine's
 * {@code localizedMessage}), for validation errors one line per field and rule. Never carries a stack trace.
 */
record Problem(int status, String code, String title, String message, List<FieldError> fields) {

    /**
     * One invalid field: the field, the rule and the engine's stable code, with the field's name and the rule in the
     * reader's language.
     */
    record FieldError(String field, String rule, String code, String label, String message) {}

    /**
     * The refusal as the reader sees it; an illegal transition lists none of the actions possible now (see
     * {@link #of(EscalationException, Ui, Set)}).
     */
    static Problem of(EscalationException e, Ui ui) {
        return of(e, ui, Set.of());
    }

    /**
     * The refusal as the reader sees it. An illegal transition lists the actions possible now that the reader may take
     * ({@code readerMay}: their escalation's {@code availableActions()}), never those of other roles: the engine's
     * {@code allowedActions()} are the state's, so a customer was offered appointing an Escalation Manager or changing
     * the SLA policy, and a contact without the Incident Manager's role the Incident Manager's actions.
     */
    static Problem of(EscalationException e, Ui ui, Set<Action> readerMay) {
        String message = e.localizedMessage(ui.texts(), ui.locale());
        if (e instanceof InvalidCommandException invalid) {
            return new Problem(
                    400,
                    e.code(),
                    ui.t("problem.invalid.title"),
                    ui.t("problem.invalid.message"),
                    invalid.violations().stream()
                            .map(v ->
                                    new FieldError(v.field(), v.rule(), v.code(), ui.field(v.field()), ui.violation(v)))
                            .toList());
        }
        if (e instanceof NotAuthorizedException) {
            return new Problem(403, e.code(), ui.t("problem.forbidden.title"), message, List.of());
        }
        if (e instanceof IllegalTransitionException illegal) {
            String allowed = illegal.allowedActions().stream()
                    .filter(readerMay::contains)
                    .map(ui::label)
                    .sorted()
                    .collect(Collectors.joining(", "));
            return new Problem(
                    409,
                    e.code(),
                    ui.t("problem.illegal.title"),
                    message + (allowed.isEmpty() ? "" : " " + ui.t("problem.illegal.possible", allowed)),
                    List.of());
        }
        if (e instanceof EscalationNotFoundException) {
            return new Problem(404, e.code(), ui.t("problem.notFound.title"), message, List.of());
        }
        if (e instanceof EscalationConflictException conflict) {
            // a stale form (sent twice, or after someone else's change): the portal's own words, with the reload hint
            return new Problem(
                    409,
                    e.code(),
                    ui.t("problem.conflict.title"),
                    conflict.subReason() == EscalationConflictException.Reason.STALE_VERSION
                            ? ui.t("problem.stale.message")
                            : message,
                    List.of());
        }
        if (e instanceof dev.escalation.CorruptDataException) {
            // the stored data was changed outside the engine: the server's fault, not the request's; the engine's
            // message names the store's table and column, for the log only
            return new Problem(500, e.code(), ui.t("error.500.title"), ui.t("problem.corrupt.message"), List.of());
        }
        if (e instanceof EscalationUnavailableException) {
            return new Problem(
                    503, e.code(), ui.t("problem.unavailable.title"), ui.t("problem.unavailable.message"), List.of());
        }
        return new Problem(400, e.code(), ui.t("problem.refused.title"), message, List.of());
    }

    static Problem of(FormException e, Ui ui) {
        return new Problem(
                400,
                "INVALID_FORM",
                ui.t("problem.invalid.title"),
                ui.t("problem.invalid.message"),
                List.of(new FieldError(
                        e.field(), "Format", e.field() + ".Format", ui.field(e.field()), e.getMessage())));
    }

    static Problem notFound(Ui ui) {
        return new Problem(404, "NOT_FOUND", ui.t("problem.notFound.title"), ui.t("error.404"), List.of());
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
                        .map(f -> Map.of(
                                "field",
                                f.field(),
                                "rule",
                                f.rule(),
                                "code",
                                f.code(),
                                "label",
                                f.label(),
                                "message",
                                f.message()))
                        .toList());
        m.put("hasFields", !fields.isEmpty());
        return m;
    }
}
