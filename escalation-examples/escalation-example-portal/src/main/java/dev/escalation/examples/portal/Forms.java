package dev.escalation.examples.portal;

import dev.escalation.model.Channel;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/** Form values to command values (a blank choice stays null so the engine's validation names the field). */
@Component
class Forms {
    private static final Set<String> DONE = Set.of(
            "acknowledged",
            "plan",
            "proposed",
            "confirmed",
            "planAlone",
            "progress",
            "participant",
            "resolved",
            "reopened",
            "scheduled",
            "recorded",
            "declined",
            "closed",
            "withdrawn",
            "message");

    private final PortalContext context;

    Forms(PortalContext context) {
        this.context = context;
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** The confirmation after a redirect ({@code ?done=plan}). */
    Optional<String> done(String done, Ui ui) {
        return done != null && DONE.contains(done) ? Optional.of(ui.t("done." + done)) : Optional.empty();
    }

    List<Map<String, Object>> options(Enum<?>[] values, String selected, Ui ui) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Enum<?> e : values) {
            list.add(Map.of(
                    "value",
                    e.name(),
                    "label",
                    ui.label(e),
                    "selected",
                    e.name().equals(selected)));
        }
        return list;
    }

    <E extends Enum<E>> E enumOrNull(Class<E> type, String field, String value, Ui ui) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw new FormException(field, ui.t("form.choice"));
        }
    }

    /**
     * An id chosen in a form (a case, a person), or null when blank; a value no id can have (longer than 128
     * characters, a control character: the id's own rules) is not one of the offered choices.
     */
    <T> T idOrNull(Function<String, T> of, String field, String value, Ui ui) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return of.apply(value);
        } catch (IllegalArgumentException e) {
            throw new FormException(field, ui.t("form.choice"));
        }
    }

    Duration durationOrNull(String field, String value, Ui ui) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.parse(value);
        } catch (DateTimeException e) {
            throw new FormException(field, ui.t("form.choice"));
        }
    }

    /**
     * The escalation's version the form was rendered with (its hidden field {@code version}), sent with the command as
     * its expected version; none for a form without it (then the command has no precondition).
     */
    Long versionOrNull(String value, Ui ui) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw new FormException("version", ui.t("form.choice"));
        }
    }

    /** The choices and defaults of a plan form (frequency, channel, first meeting in two hours, reader's zone). */
    Map<String, Object> planFields(Ui ui) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(
                "frequencies",
                List.of(
                        Map.of("value", "PT4H", "label", ui.texts().duration(Duration.ofHours(4), ui.locale())),
                        Map.of(
                                "value",
                                "P1D",
                                "label",
                                ui.texts().duration(Duration.ofDays(1), ui.locale()),
                                "selected",
                                true),
                        Map.of("value", "P7D", "label", ui.texts().duration(Duration.ofDays(7), ui.locale()))));
        m.put("channels", options(Channel.values(), Channel.VIDEO_CALL.name(), ui));
        ZonedDateTime now = context.clock().instant().atZone(ui.zone());
        m.put(
                "defaultFirstMeeting",
                ui.input(now.plusHours(2).truncatedTo(ChronoUnit.HOURS).toInstant()));
        m.put(
                "defaultSession",
                ui.input(now.toLocalDate()
                        .plusDays(1)
                        .atTime(10, 0)
                        .atZone(ui.zone())
                        .toInstant()));
        m.put("zoneId", ui.zone().getId());
        return m;
    }
}
